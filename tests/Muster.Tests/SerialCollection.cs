namespace Muster.Tests;

/// <summary>
/// Tests that start other processes (a killed ingest, Chromium) run alone: on a 2-core machine their timing
/// must not depend on what the rest of the suite is doing at the same moment.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "Runs alone";
}
