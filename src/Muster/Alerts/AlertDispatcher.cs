using System.Text;
using Muster.Storage;

namespace Muster.Alerts;

/// <summary>
/// Checks the saved queries after a store batch and raises each new match's alert once per channel: a line on
/// standard output and a JSON line in a file at once; a webhook by the <see cref="WebhookSender"/> in the background,
/// so a slow or failing receiver never holds up storing.
/// </summary>
public sealed class AlertDispatcher(IRecordStore record, IAlertStore alerts, TimeProvider time, Action<string> line, Action<string, string> problem)
{
    /// <summary>Raised after new webhook deliveries were recorded, to wake the sender.</summary>
    public event Action? WebhooksQueued;

    /// <summary>Alerts raised since the dispatcher was made.</summary>
    public int Raised { get; private set; }

    /// <summary>Checks every saved query; returns how many new matches they had.</summary>
    public int Check()
    {
        var raised = 0;
        var webhooks = false;
        foreach (var query in alerts.List())
        {
            var deliveries = alerts.RecordNew(query, AlertMatcher.Matches(record, query), time.GetUtcNow());
            raised += deliveries.Count(d => d.Channel == "stdout");
            webhooks |= deliveries.Any(d => d.Channel == "webhook");
        }
        Raised += raised;
        DeliverLocal();
        if (webhooks)
            WebhooksQueued?.Invoke();
        return raised;
    }

    /// <summary>
    /// Delivers what is pending on standard output and in JSON Lines files, earlier runs' leftovers included (a run
    /// stopped between recording an alert and printing it prints it on the next).
    /// </summary>
    public void DeliverLocal()
    {
        var now = time.GetUtcNow();
        foreach (var delivery in alerts.Pending("stdout", now))
        {
            line(Line(delivery.Match));
            alerts.Delivered(delivery.Id, now);
        }
        foreach (var delivery in alerts.Pending("jsonl", now))
        {
            try
            {
                // One write of the whole line, appended: a reader never sees half an alert, and nothing is overwritten.
                using (var file = new FileStream(delivery.Target!, FileMode.Append, FileAccess.Write, FileShare.ReadWrite))
                {
                    file.Write(Encoding.UTF8.GetBytes(delivery.Match.Payload + "\n"));
                    file.Flush(flushToDisk: true);
                }
                alerts.Delivered(delivery.Id, now);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                alerts.Failed(delivery.Id, e.Message, now + TimeSpan.FromMinutes(1));
                problem(delivery.Target!, $"alert {delivery.Match.Query} not written (tried again on the next check): {e.Message}");
            }
        }
    }

    /// <summary>The line an alert prints: <c>alert NAME: claim 12: summons (asserted) in RU-BEL: … — /stories/ID</c>.</summary>
    public static string Line(RecordedMatch match)
    {
        using var payload = System.Text.Json.JsonDocument.Parse(match.Payload);
        var root = payload.RootElement;
        var title = root.TryGetProperty("title", out var t) ? t.GetString() : null;
        var path = root.TryGetProperty("path", out var p) ? p.GetString() : null;
        var page = root.TryGetProperty("page", out var g) && g.ValueKind == System.Text.Json.JsonValueKind.String ? " " + g.GetString() : "";
        var kind = match.Kind == MatchKind.Claim ? "claim" : "event";
        return $"alert {match.Query}: {kind} {match.Subject}: {title} — {path}{page}".ReplaceLineEndings(" ");
    }
}
