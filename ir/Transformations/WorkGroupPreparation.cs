using Translate.Ir.Verification;

namespace Translate.Ir.Transformations;

/// <summary>
/// The rewrites targets need before emission when their barriers must be reached by every work-item
/// of a group (OpenCL C and SPIR-V): returned work-items kept at later barriers
/// (<see cref="ExitedWorkItems"/>), then warp collectives under thread-dependent conditions if-converted
/// (<see cref="CollectiveIfConversion"/>, which also converts the collectives the first left under
/// <c>!__exited</c>).
/// </summary>
public static class WorkGroupPreparation
{
    public static CheckedModule Run(CheckedModule module) => CollectiveIfConversion.Run(ExitedWorkItems.Run(module));
}
