namespace Translate.Backends.Llvm.Api;

/// <summary>An error reported by LLVM (a failed lookup, an invalid module, a missing target).</summary>
public sealed class LlvmException(string message) : Exception(message);
