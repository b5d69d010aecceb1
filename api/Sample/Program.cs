// Runs every kernel of four of the repository's CUDA samples from C#, without their host code, on one
// device, and checks each result against a C# computation of the same thing.
//   dotnet run --project api/Sample -- [DEVICE] [CUDA-SAMPLES-DIR]      DEVICE: cpu (default), interp, opencl
using Translate.Api;
using Translate.Api.Sample;

string device = args.Length > 0 ? args[0] : "cpu";
string samples = args.Length > 1 ? args[1] : SampleKernels.FindSamples(AppContext.BaseDirectory)
    ?? throw new DirectoryNotFoundException("cuda-samples not found above " + AppContext.BaseDirectory + "; pass its path");
try
{
    bool passed = SampleKernels.RunAll(samples, device, Console.Out);
    Console.WriteLine(passed ? "PASSED" : "FAILED");
    return passed ? 0 : 1;
}
catch (TranslateException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
