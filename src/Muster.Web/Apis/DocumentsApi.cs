using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Muster.Pipeline;
using Muster.Reading;
using Muster.Reading.Formats;
using Muster.Storage;

namespace Muster.Web.Apis;

/// <summary>
/// <c>POST /api/documents</c>: ingest an uploaded page. It exists only when the server was started with a token,
/// and requires <c>Authorization: Bearer TOKEN</c>; the body is the page's raw bytes, up to the upload limit.
/// </summary>
public static class DocumentsApi
{
    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapDocumentsApi(this IEndpointRouteBuilder routes, MusterWebOptions options)
    {
        routes.MapGroup("/api").WithTags("Documents").MapPost("/documents", Upload)
            .WithSummary("Store a page, feed, Telegram export, WARC or JSON Lines file (raw bytes in the body; ?source= names it, ?format= overrides sniffing). Requires the bearer token.")
            .Reads([ApiParameters.UploadSource, ApiParameters.Format])
            .WithMetadata(new RequiresBearerToken())
            .DisableAntiforgery();
        return routes;
    }

    private static async Task<Results<Created<UploadDto>, Ok<UploadDto>, ProblemHttpResult, UnauthorizedHttpResult>> Upload(
        HttpRequest request, string? source, string? format, IRecordStore store, MusterPipeline pipeline, MusterWebOptions options, CancellationToken cancel)
    {
        if (!Authorized(request, options.Token!))
        {
            // RFC 6750: a 401 names the scheme it wants, and says when a token was given but is wrong.
            request.HttpContext.Response.Headers.WWWAuthenticate = request.Headers.Authorization.Count == 0
                ? "Bearer realm=\"muster\""
                : "Bearer realm=\"muster\", error=\"invalid_token\"";
            return TypedResults.Unauthorized();
        }
        // A declared length over the limit is refused before reading, so a client that sent Expect: 100-continue
        // never sends the body; a chunked body is counted as it comes.
        var bytes = request.ContentLength > options.MaxUploadBytes ? null : await ReadLimited(request.Body, options.MaxUploadBytes, cancel);
        if (bytes is null)
            return TypedResults.Problem(title: "Upload too large",
                detail: $"The body is over the limit of {options.MaxUploadBytes.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} bytes.",
                statusCode: StatusCodes.Status413PayloadTooLarge);
        var name = string.IsNullOrWhiteSpace(source) ? "upload" : source.Trim();
        PageFormat? chosen = null;
        if (!string.IsNullOrWhiteSpace(format))
        {
            if (!PageFormatNames.TryParse(format, out var parsed))
                return TypedResults.Problem(title: "Unknown format", detail: $"format must be one of {string.Join(", ", PageFormatNames.All)}", statusCode: StatusCodes.Status400BadRequest);
            chosen = parsed;
        }
        // Every document is analysed before any is written: the write is one short transaction, never held while a
        // page is analysed. A record locked past the wait is a 503 (RecordBusyHandler) with nothing stored.
        var errors = new List<string>();
        var documents = new List<PageDocument>();
        foreach (var outcome in pipeline.ProcessAll(new PageInput(name, bytes, null), format: chosen))
        {
            if (outcome.Success)
                documents.Add(outcome.Document!);
            else
                errors.Add($"{outcome.Source}: {outcome.Error}");
        }
        var stored = new List<UploadDto>();
        foreach (var (document, attempt) in documents.Zip(store.SaveAll(documents, pipeline.Time.GetUtcNow())))
        {
            if (attempt.Result is not { } saved)
            {
                errors.Add($"{document.Source}: not stored: {attempt.Error}");
                continue;
            }
            stored.Add(new UploadDto(document.Source, document.Sha256, saved.Status == SaveStatus.Added ? "added" : "unchanged", saved.Version,
                document.Stories.Select(s => s.Id).ToList(), document.Stories.Sum(s => s.Claims.Count)));
        }
        if (stored.Count == 0)
            return TypedResults.Problem(title: "Page not readable", detail: errors.Count > 0 ? string.Join("; ", errors) : $"{name}: holds no document",
                statusCode: StatusCodes.Status422UnprocessableEntity);
        UploadDto dto;
        if (stored.Count == 1 && errors.Count == 0)
        {
            dto = stored[0] with { Page = name };
        }
        else
        {
            dto = new UploadDto(name, Convert.ToHexStringLower(SHA256.HashData(bytes)), stored.Any(d => d.Status == "added") ? "added" : "unchanged", 0,
                stored.SelectMany(d => d.Stories).ToList(), stored.Sum(d => d.Claims)) { Documents = stored, Errors = errors };
        }
        return dto.Status == "added" ? TypedResults.Created($"/api/stories/{dto.Stories.FirstOrDefault()}", dto) : TypedResults.Ok(dto);
    }

    private static bool Authorized(HttpRequest request, string token)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
            return false;
        // Constant-time comparison: the token must not leak through timing.
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[7..].Trim()), Encoding.UTF8.GetBytes(token));
    }

    private static async Task<byte[]?> ReadLimited(Stream body, long limit, CancellationToken cancel)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        try
        {
            while ((read = await body.ReadAsync(chunk, cancel)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > limit)
                    return null;
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel's own body limit (MaxRequestBodySize) ran out first.
            return null;
        }
        return buffer.ToArray();
    }
}
