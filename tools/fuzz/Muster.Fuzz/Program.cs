using Muster.Fuzz;
using SharpFuzz;

// Fuzzing harnesses for afl-fuzz (tools/fuzz/run.sh):
//   Muster.Fuzz NAME                 fuzz the harness NAME with the input afl-fuzz sends (SharpFuzz's out-of-process
//                                    runner, which survives a hang or a stack overflow and reports it)
//   Muster.Fuzz NAME --replay FILE…  run each file through the harness once and print what it did: how a finding
//                                    is read back, and how a fix is checked
//   Muster.Fuzz --list               the harnesses and what each covers
if (args is ["--list"])
{
    foreach (var harness in Harnesses.All)
        Console.WriteLine($"{harness.Name}\t{harness.Covers}");
    return 0;
}
if (args.Length == 0 || Harnesses.Find(args[0]) is not { } chosen)
{
    Console.Error.WriteLine($"Muster.Fuzz: {(args.Length == 0 ? "no harness named" : $"no harness named \"{args[0]}\"")}; choose one of {string.Join(", ", Harnesses.All.Select(h => h.Name))}");
    return 2;
}
if (args.Length > 1 && args[1] == "--replay")
{
    // Instrumented code writes to afl-fuzz's coverage map; without afl-fuzz it gets a map of its own.
    unsafe
    {
        SharpFuzz.Common.Trace.SharedMem = (byte*)System.Runtime.InteropServices.NativeMemory.AllocZeroed(1 << 16);
    }
    var failed = 0;
    foreach (var path in args.Skip(2))
    {
        // One line per input, tab-separated: the input, then "ok" or the exception and the innermost frame in
        // Muster's code (what run.sh groups findings by); the whole stack follows a finding.
        try
        {
            chosen.Run(File.ReadAllBytes(path));
            Console.WriteLine($"{path}\tok");
        }
        catch (Exception e)
        {
            failed++;
            var frame = e.StackTrace?.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("at Muster.", StringComparison.Ordinal)) ?? "";
            Console.WriteLine($"{path}\t{e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}\t{frame}");
            Console.WriteLine(e.StackTrace);
        }
    }
    return failed == 0 ? 0 : 1;
}
if (args.Length > 1)
{
    Console.Error.WriteLine($"Muster.Fuzz: unknown argument \"{args[1]}\"; the only one after a harness name is --replay FILE…");
    return 2;
}
Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    chosen.Run(buffer.ToArray());
});
return 0;
