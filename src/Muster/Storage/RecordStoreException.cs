namespace Muster.Storage;

/// <summary>
/// The record could not be read or written (a full disk, a read-only file, a lost server): the message is one line
/// naming the database and the reason. Nothing of the write that failed was stored.
/// </summary>
public class RecordStoreException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The database stayed locked by another writer for longer than this store waits: nothing of the write that gave up
/// was stored. The message is one line naming the database.
/// </summary>
public sealed class RecordBusyException(string message, Exception inner) : RecordStoreException(message, inner);
