using System.Text.Json;
using System.Text.Json.Serialization;

namespace Translate.Cli.Migration;

/// <summary>The JSON settings of the report and the manifest: camelCase, indented, nulls omitted.</summary>
internal static class ReportJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
