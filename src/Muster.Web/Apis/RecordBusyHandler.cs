using Microsoft.AspNetCore.Diagnostics;
using Muster.Storage;

namespace Muster.Web.Apis;

/// <summary>
/// A request that met the record locked by another writer (an ingest) for longer than a write waits, or could not
/// reach it (a database server down), is answered 503 with Retry-After, never 500: nothing of its write was stored,
/// and the same request can be sent again.
/// </summary>
internal sealed class RecordBusyHandler(IProblemDetailsService problems) : IExceptionHandler
{
    /// <summary>The seconds a client is asked to wait before it tries again.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancel)
    {
        if (exception is not RecordStoreException)
            return false;
        var busy = exception is RecordBusyException;
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // The database's path is the server's business: the client learns only that the record is busy.
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = busy ? "Record busy" : "Record unavailable",
                Detail = busy
                    ? "The record is locked by another writer; nothing was stored. Try again shortly."
                    : "The record cannot be reached (its database refused or is down); nothing was stored. Try again shortly.",
            },
        });
    }
}
