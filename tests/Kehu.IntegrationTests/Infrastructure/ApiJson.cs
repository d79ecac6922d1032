using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kehu.IntegrationTests.Infrastructure;

public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static async Task<JsonObject> ReadObjectAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) as JsonObject ?? throw new ShouldAssertException($"Not a JSON object: {text}");
    }

    /// <summary>The messages for one field of a validation problem.</summary>
    public static async Task<string[]> FieldErrorsAsync(this HttpResponseMessage response, string field)
    {
        var body = await response.ReadObjectAsync();
        var errors = body["errors"]?.AsObject() ?? throw new ShouldAssertException($"No errors in {body}");
        return errors[field]?.AsArray().Select(n => n!.GetValue<string>()).ToArray() ?? [];
    }
}
