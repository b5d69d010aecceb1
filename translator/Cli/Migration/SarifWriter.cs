using System.Text.Json;
using System.Text.Json.Nodes;

namespace Translate.Cli.Migration;

/// <summary>
/// The batch's diagnostics as SARIF 2.1.0 (<c>--sarif FILE</c>), the format CI systems annotate code
/// from: one run, a rule per code used, one result per diagnostic with its location.
/// </summary>
internal static class SarifWriter
{
    public static string Write(MigrationReport report)
    {
        var diagnostics = report.Files.SelectMany(f => f.Diagnostics).ToList();
        var rules = new JsonArray(diagnostics.Select(d => d.Code).Distinct().Order(StringComparer.Ordinal)
            .Select(code => (JsonNode)new JsonObject
            {
                ["id"] = code,
                ["shortDescription"] = new JsonObject { ["text"] = CodeTitles.Of(code) ?? code },
            }).ToArray());
        var results = new JsonArray(diagnostics.Select(Result).ToArray());
        var sarif = new JsonObject
        {
            ["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json",
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(new JsonObject
            {
                ["tool"] = new JsonObject
                {
                    ["driver"] = new JsonObject { ["name"] = report.Tool, ["version"] = report.Version, ["rules"] = rules },
                },
                ["artifacts"] = new JsonArray(report.Files.Where(f => f.Host is not null).Select(Artifact).ToArray()),
                ["results"] = results,
            }),
        };
        return sarif.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>An input file with its host code's status in the property bag: "lifted", or "native" with why and the build command.</summary>
    private static JsonNode Artifact(FileReport f)
    {
        var properties = new JsonObject { ["host"] = f.Host!.Status, ["device"] = f.Status };
        if (f.Host.Reason is { } why) properties["hostReason"] = why;
        if (f.Host.BuildCommand is { } command) properties["buildCommand"] = command;
        return new JsonObject
        {
            ["location"] = new JsonObject { ["uri"] = Uri(f.Path) },
            ["roles"] = new JsonArray("analysisTarget"),
            ["properties"] = properties,
        };
    }

    private static JsonNode Result(DiagnosticReport d)
    {
        var physical = new JsonObject { ["artifactLocation"] = new JsonObject { ["uri"] = Uri(d.File) } };
        if (d.Line > 0) physical["region"] = new JsonObject { ["startLine"] = d.Line, ["startColumn"] = Math.Max(d.Column, 1) };
        return new JsonObject
        {
            ["ruleId"] = d.Code,
            ["level"] = d.Severity is "error" or "warning" ? d.Severity : "note",
            ["message"] = new JsonObject { ["text"] = d.Message },
            ["locations"] = new JsonArray(new JsonObject { ["physicalLocation"] = physical }),
        };
    }

    /// <summary>SARIF wants URIs: relative paths with forward slashes, absolute ones as file: URIs.</summary>
    private static string Uri(string path) =>
        Path.IsPathRooted(path) ? new Uri(path).AbsoluteUri : path.Replace('\\', '/');
}
