namespace Translate.Runtime.OpenCl.Interop;

/// <summary>An OpenCL call returned an error status; the message names the call and the status.</summary>
public sealed class OpenClException(string call, int status, string? detail = null)
    : Exception($"{call} failed: {ClStatus.Name(status)}{(detail is null ? "" : ": " + detail)}")
{
    /// <summary>The API function that failed, e.g. <c>clBuildProgram</c>.</summary>
    public string Call { get; } = call;

    /// <summary>The <c>cl_int</c> status it returned.</summary>
    public int Status { get; } = status;

    /// <summary>The symbolic status name, e.g. <c>CL_INVALID_KERNEL_ARGS</c>.</summary>
    public string StatusName => ClStatus.Name(Status);

    internal static void Check(int status, string call)
    {
        if (status != ClStatus.Success) throw new OpenClException(call, status);
    }
}
