using System.Globalization;

namespace RepairDispatch.Benchmarks;

/// <summary>The result lines the measuring commands print: a two-column table, then one PASS or FAIL line per goal or check.</summary>
public static class Report
{
    public static void Header()
    {
        Console.WriteLine("| measure                                      |          value |");
        Console.WriteLine("|----------------------------------------------|----------------|");
    }

    public static void Row(string name, string value) => Console.WriteLine($"| {name,-44} | {value,14} |");

    /// <summary>A count with thousands separators.</summary>
    public static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static bool Check(string text, bool met)
    {
        Console.WriteLine((met ? "PASS " : "FAIL ") + text);
        return met;
    }
}
