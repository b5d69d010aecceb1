using Translate.Frontend.Clang;

namespace Translate.Frontend.Lifting;

/// <summary>
/// A name for a C++ entity that is the same in every parse of the same source: the host-side and the
/// device-side parse (<see cref="DeviceView"/>) each have their own cursors for one function, variable or
/// class, and lifting must treat them as one (a launch in host code names the kernel lifted from the device
/// parse; a struct is one IR struct whichever side maps it). Clang's USR tells entities and template
/// specializations apart; the position tells apart those whose USR is empty or shared (lambda closures).
/// </summary>
internal static class EntityKey
{
    public static string Of(Cursor declaration)
    {
        var p = declaration.Position;
        return $"{declaration.Usr}|{p.File}:{p.Line}:{p.Column}";
    }
}
