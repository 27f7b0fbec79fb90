using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NJsonSchema.CodeGeneration.CSharp;
using NSwag;
using NSwag.CodeGeneration.CSharp;
using NSwag.CodeGeneration.OperationNameGenerators;

namespace RepairDispatch.Tests.Mobile.Generated;

/// <summary>
/// How <c>RepairDispatchClient.g.cs</c> is made from the served OpenAPI document: the technician app's part of it
/// (the mobile routes and the token route, with the schemas they reach), through NSwag's C# client generator with
/// System.Text.Json, one class, method names from the operation ids. The committed file must equal what this makes.
/// </summary>
public static class ClientGeneration
{
    public const string FileName = "RepairDispatchClient.g.cs";

    private static readonly string[] AppPaths = ["/api/v1/mobile/", "/api/v1/auth/token"];

    public static async Task<string> GenerateAsync(string documentJson)
    {
        var document = await OpenApiDocument.FromJsonAsync(TheAppsPart(documentJson));
        var settings = new CSharpClientGeneratorSettings
        {
            ClassName = "RepairDispatchClient",
            UseBaseUrl = false, // the HttpClient's BaseAddress
            GenerateClientInterfaces = false,
            GenerateOptionalParameters = true,
            OperationNameGenerator = new SingleClientFromOperationIdOperationNameGenerator(),
            CSharpGeneratorSettings =
            {
                Namespace = typeof(ClientGeneration).Namespace!,
                JsonLibrary = CSharpJsonLibrary.SystemTextJson,
                GenerateNullableReferenceTypes = true,
                GenerateOptionalPropertiesAsNullable = true,
            },
        };
        return new CSharpClientGenerator(document, settings).GenerateFile().ReplaceLineEndings("\n");
    }

    /// <summary>The paths the app calls, and only the component schemas they reach (NSwag writes every one it is given).</summary>
    private static string TheAppsPart(string documentJson)
    {
        var document = JsonNode.Parse(documentJson)!.AsObject();
        var paths = document["paths"]!.AsObject();
        foreach (var path in paths.Select(p => p.Key).Where(p => !AppPaths.Any(p.StartsWith)).ToList()) paths.Remove(path);
        var schemas = document["components"]!["schemas"]!.AsObject();
        var reached = new HashSet<string>();
        var pending = new Stack<JsonNode>([paths]);
        while (pending.TryPop(out var node))
        {
            foreach (var name in Regex.Matches(node.ToJsonString(), "\"#/components/schemas/([^\"]+)\"").Select(m => m.Groups[1].Value))
                if (reached.Add(name)) pending.Push(schemas[name]!);
        }
        foreach (var name in schemas.Select(s => s.Key).Where(n => !reached.Contains(n)).ToList()) schemas.Remove(name);
        return document.ToJsonString();
    }

    /// <summary>Beside this source file (the tests run from the checkout they were built from).</summary>
    public static string CommittedPath => Path.Combine(Path.GetDirectoryName(SourceFile())!, FileName);

    private static string SourceFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;
}
