using System.Diagnostics;
using Muster.Reading;
using Muster.Reading.Formats;
using Muster.Tools.WarcGen;

// Large web archives for trying Muster at a crawl's size (issue 16); the output is never committed.
//   dotnet run -c Release --project tools/warc-gen -- write OUT.warc.gz [MEGABYTES] [PAGE-KB]
//       MEGABYTES is the compressed size (default 1024), PAGE-KB each page's HTML (default 16)
//   dotnet run -c Release --project tools/warc-gen -- read FILE
//       reads every record as ingest does (streamed from the file), prints the count and the peak working set
switch (args)
{
    case ["write", var path, ..]:
    {
        var megabytes = args.Length > 2 ? long.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1024;
        var pageKb = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 16;
        var pages = LargeWarc.Write(path, megabytes << 20, pageKb * 1024);
        Console.WriteLine($"{path}: {new FileInfo(path).Length:N0} bytes, {pages:N0} pages");
        return 0;
    }
    case ["read", var path]:
    {
        var clock = Stopwatch.StartNew();
        var readers = new FormatReaders();
        long records = 0, failed = 0, bytes = 0;
        foreach (var input in new PageReader().Read([path]))
        foreach (var record in readers.Read(input))
        {
            records++;
            if (record.Error is not null)
                failed++;
            bytes += record.Content?.LongLength ?? 0;
        }
        using var self = Process.GetCurrentProcess();
        Console.WriteLine($"{path}: {records:N0} records ({failed:N0} failed), {bytes / 1e6:N0} MB of pages in {clock.Elapsed.TotalSeconds:N0} s; " +
            $"peak working set {self.PeakWorkingSet64 / 1e6:N0} MB");
        return failed == 0 ? 0 : 1;
    }
    default:
        Console.Error.WriteLine("usage: warc-gen write OUT.warc.gz [MEGABYTES] [PAGE-KB] | warc-gen read FILE");
        return 2;
}
