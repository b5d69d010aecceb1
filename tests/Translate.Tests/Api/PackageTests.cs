using System.Diagnostics;
using Translate.Tests.Cli;

namespace Translate.Tests.Api;

/// <summary>
/// scripts/pack.sh makes the two NuGet packages, and a user outside the repository installs them from the folder:
/// the <c>translate</c> .NET tool (build mode's runtime library inside) and the <c>Translate.Api</c> library.
/// It builds the packed projects (incrementally) as a user's pack would, so it runs alone, not beside tests that build.
/// </summary>
[Collection(nameof(PackageTests))]
public class PackageTests
{
    [RequiresFact(Need.BuildMode)]
    public void The_packed_tool_and_API_install_from_a_folder_and_run_CUDA_samples_outside_the_repository()
    {
        using var dir = new CliRunner();
        string packages = Path.Combine(dir.Directory, "packages"), tools = Path.Combine(dir.Directory, "tools");
        // Packages of the same version from an earlier run must not be taken from the user's NuGet cache.
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(dir.Directory, "nuget-cache") };
        Succeeds(Path.Combine(Repository.Root, "scripts", "pack.sh"), dir.Directory, environment, packages);
        Assert.Equal(["Translate.Api.0.1.0.nupkg", "Translate.Tool.0.1.0.nupkg"], Directory.GetFiles(packages, "*.nupkg").Select(Path.GetFileName).Order());

        Succeeds("dotnet", dir.Directory, environment, "tool", "install", "--tool-path", tools, "--add-source", packages, "Translate.Tool");
        string translate = Path.Combine(tools, "translate"), samples = Path.Combine(Repository.Root, "cuda-samples");
        Assert.Contains("Test PASSED", Succeeds(translate, dir.Directory, environment, "run", Path.Combine(samples, "vectorAdd", "vectorAdd.cu")));
        // Build mode links against the runtime library the package carries (no source tree to build one from).
        Assert.Single(Directory.GetFiles(tools, "libtranslate-cudart.so", SearchOption.AllDirectories));
        string executable = Path.Combine(dir.Directory, "raiiSaxpy");
        Succeeds(translate, dir.Directory, environment, "build", Path.Combine(samples, "cxx", "raiiSaxpy", "raiiSaxpy.cu"), "-o", executable);
        Assert.Contains("Test PASSED", Succeeds(executable, dir.Directory, environment));
        Assert.Contains(Path.Combine(tools, ".store"), Succeeds("ldd", dir.Directory, environment, executable));

        string consumer = Path.Combine(dir.Directory, "consumer");
        Directory.CreateDirectory(consumer);
        File.WriteAllText(Path.Combine(consumer, "consumer.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
              <ItemGroup><PackageReference Include="Translate.Api" Version="0.1.0" /></ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(consumer, "Program.cs"), """
            using Translate.Api;
            using var program = CudaProgram.FromFile(args[0], device: "cpu");
            const int n = 1000;
            using var a = program.Device.Allocate<float>(Enumerable.Range(0, n).Select(i => (float)i).ToArray());
            using var b = program.Device.Allocate<float>(Enumerable.Repeat(1f, n).ToArray());
            using var c = program.Device.Allocate<float>(n);
            program.Kernel("vectorAdd").Launch((n + 255) / 256, 256, a, b, c, n);
            Console.WriteLine(c.ToArray().Select((v, i) => v == i + 1f).All(ok => ok) ? "PASSED" : "FAILED");
            """);
        Succeeds("dotnet", consumer, environment, "restore", "--source", packages);
        Assert.Equal("PASSED\n", Succeeds("dotnet", consumer, environment, "run", "--no-restore", "--", Path.Combine(samples, "vectorAdd", "vectorAdd.cu")));
    }

    private static string Succeeds(string command, string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(command) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (k, v) in environment) start.Environment[k] = v;
        start.Environment.Remove("TRANSLATE_RUNTIME_LIBRARY");
        start.Environment.Remove("TRANSLATE_DEVICE");
        using var p = Process.Start(start)!;
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{command} {string.Join(' ', args)} did not finish in 10 minutes");
        }
        Assert.True(p.ExitCode == 0, $"{command} {string.Join(' ', args)}: exit {p.ExitCode}\n{stdout}\n{stderr.Result}");
        return stdout;
    }
}

[CollectionDefinition(nameof(PackageTests), DisableParallelization = true)]
public sealed class PackageTestsCollection;
