using System.Diagnostics;
using System.Runtime.InteropServices;

namespace AzSecAnalyzers.Benchmarks.Analysis;

/// <summary>
/// The process's CPU time in milliseconds, to the nanosecond on Linux (clock_gettime of CLOCK_PROCESS_CPUTIME_ID;
/// Process.TotalProcessorTime counts 10 ms ticks there). On a machine shared with other builds, wall time measures the
/// neighbours as much as the code; CPU time measures the code (plus this process's GC and JIT threads).
/// </summary>
internal static class CpuClock
{
    private const int ClockProcessCpuTimeId = 2;

    private static readonly bool UseClockGettime = OperatingSystem.IsLinux();

    public static double NowMs()
    {
        if (UseClockGettime && clock_gettime(ClockProcessCpuTimeId, out var time) == 0)
        {
            return (time.Seconds * 1e3) + (time.Nanoseconds / 1e6);
        }

        return Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int clock_gettime(int clockId, out TimeSpec time);
}
