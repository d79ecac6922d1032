using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Kehu.Web.Platform.Results;

/// <summary>The one place where an <see cref="Error"/> becomes an HTTP answer or form errors.</summary>
public static class ErrorMapper
{
    public static IResult ToProblem(this Error error)
    {
        var status = error.Kind switch
        {
            ErrorKind.Validation => StatusCodes.Status400BadRequest,
            ErrorKind.NotFound => StatusCodes.Status404NotFound,
            ErrorKind.Conflict => StatusCodes.Status409Conflict,
            ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
            _ => throw new ArgumentOutOfRangeException(nameof(error), error.Kind, null),
        };
        if (error.Kind == ErrorKind.Validation && error.Fields is { Count: > 0 })
        {
            return TypedResults.ValidationProblem(
                error.Fields.ToDictionary(kv => kv.Key, kv => kv.Value),
                detail: error.Message,
                title: error.Message);
        }
        // A refusal may name fields too (a field the current workflow step may not change).
        var extensions = error.Fields is { Count: > 0 } ? new Dictionary<string, object?> { ["errors"] = error.Fields } : null;
        return TypedResults.Problem(detail: error.Message, statusCode: status, title: error.Message, extensions: extensions);
    }

    /// <summary>Copies the error into ModelState. Field keys are the API's camelCase names;
    /// <paramref name="prefix"/> is the page's bound property (e.g. "Input").</summary>
    public static void AddTo(this Error error, ModelStateDictionary modelState, string prefix = "Input")
    {
        if (error.Fields is { Count: > 0 })
        {
            foreach (var (field, messages) in error.Fields)
            {
                var key = string.IsNullOrEmpty(prefix) ? Pascal(field) : $"{prefix}.{Pascal(field)}";
                foreach (var message in messages) modelState.AddModelError(key, message);
            }
        }
        else
        {
            modelState.AddModelError(string.Empty, error.Message);
        }
    }

    public static IActionResult ToActionResult(this Error error) => error.Kind switch
    {
        ErrorKind.NotFound => new NotFoundResult(),
        ErrorKind.Forbidden => new ForbidResult(),
        _ => new BadRequestResult(),
    };

    private static string Pascal(string camel) =>
        camel.Length == 0 ? camel : char.ToUpperInvariant(camel[0]) + camel[1..];
}
