using Translate.Interpreter.Bytecode;

namespace Translate.Interpreter.Library;

/// <summary>The external functions the interpreter provides, by name (C library and CUDA runtime).</summary>
internal sealed class ExternalLibrary
{
    private readonly Dictionary<string, ExternalHandler> _handlers = [];

    public ExternalLibrary()
    {
        CLibrary.Register(this);
        CudaRuntime.Register(this);
    }

    public void Add(string name, ExternalHandler handler) => _handlers[name] = handler;

    public ExternalHandler? Find(string name) => _handlers.GetValueOrDefault(name);

    public IEnumerable<string> Names => _handlers.Keys;
}
