using Translate.Frontend.Clang;

namespace Translate.Frontend.Lifting;

internal sealed partial class FunctionLifter
{
    private HashSet<Cursor>? _sharedNamedInLambdas;

    /// <summary>
    /// The <c>__shared__</c> locals of this function that a lambda in it names. A lambda's body is a function of its
    /// own, which reaches such a variable (static storage, so never captured) as a module-level shared variable; this
    /// function then uses that same variable rather than one of its own, or the two would silently part.
    /// </summary>
    private bool IsSharedNamedInLambda(Cursor variable)
    {
        if (_sharedNamedInLambdas is null)
        {
            _sharedNamedInLambdas = [];
            Collect(_function, insideLambda: false);
        }
        return _sharedNamedInLambdas.Contains(variable.Canonical);

        void Collect(Cursor c, bool insideLambda)
        {
            foreach (var child in c.Children)
            {
                bool inLambda = insideLambda || child.Kind == CursorKind.LambdaExpr;
                if (inLambda && child.Kind == CursorKind.DeclRefExpr && child.Referenced is { IsNull: false } named
                    && ModuleLifter.Has(named, CursorKind.CUDASharedAttr))
                    _sharedNamedInLambdas.Add(named.Canonical);
                Collect(child, inLambda);
            }
        }
    }
}
