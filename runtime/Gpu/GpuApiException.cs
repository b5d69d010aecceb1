namespace Translate.Runtime.Gpu;

/// <summary>A GPU API call that returned an error: the call, the API's error code, and the API's own name and text for it.</summary>
public class GpuApiException(string call, int code, string message) : Exception(message)
{
    public string Call { get; } = call;
    public int Code { get; } = code;
}
