namespace Muster.Storage;

public sealed partial class SqliteRecordStore
{
    /// <inheritdoc />
    public string? DocumentUrl(long documentId) =>
        Scalar("SELECT url FROM documents WHERE id = $id", null, ("$id", documentId)) as string;
}
