using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Muster.Web.Apis;

/// <summary>The OpenAPI document's registration.</summary>
public static class MusterOpenApi
{
    /// <summary>Adds the document with the declared query parameters and the bearer scheme.</summary>
    public static IServiceCollection AddMusterOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(openApi =>
        {
            openApi.AddOperationTransformer<ApiParameterTransformer>();
            openApi.AddDocumentTransformer(ApiParameterTransformer.AddBearerScheme);
        });
}

/// <summary>
/// Lists each operation's query parameters from what its endpoint declared (<see cref="ApiParameterEndpoints.Reads"/>),
/// with their types, ranges and names, and marks the operations that need the bearer token. The handlers read most
/// parameters by hand (<see cref="QueryParameters"/>), so the generator cannot see them.
/// </summary>
internal sealed class ApiParameterTransformer : IOpenApiOperationTransformer
{
    /// <summary>The security scheme's name in the document.</summary>
    public const string BearerScheme = "bearer";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var declared = metadata.DeclaredParameters();
        var kept = new List<IOpenApiParameter>();
        foreach (var parameter in operation.Parameters ?? [])
        {
            if (parameter.In != ParameterLocation.Query)
                kept.Add(parameter);
            else if (declared.All(d => d.Name != parameter.Name))
                // A parameter the handler binds but the endpoint does not declare: the document and the check would
                // miss it, so the document is refused until it is declared.
                throw new InvalidOperationException(
                    $"{context.Description.HttpMethod} /{context.Description.RelativePath}: query parameter '{parameter.Name}' is bound but not declared with Reads(...)");
        }
        kept.AddRange(declared.Select(d => d.ToOpenApi()));
        operation.Parameters = kept;
        if (metadata.OfType<RequiresBearerToken>().Any())
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] }];
        }
        return Task.CompletedTask;
    }

    /// <summary>Declares the bearer scheme the upload endpoint requires.</summary>
    public static Task AddBearerScheme(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The token the server was started with (--token); only uploads need it.",
        };
        return Task.CompletedTask;
    }
}
