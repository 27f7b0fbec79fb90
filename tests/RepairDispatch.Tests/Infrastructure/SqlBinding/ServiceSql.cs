using System.Reflection;
using System.Reflection.Emit;
using System.Text.RegularExpressions;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using RepairDispatch.Api.Infrastructure;

namespace RepairDispatch.Tests.Infrastructure.SqlBinding;

/// <summary>
/// Every SQL text of the service that runs on SQL Server: the shared statements (string fields named …Sql, or whose text
/// starts a statement), the SQL Server member of every <see cref="DialectSql"/>, and — so that none escapes — any string
/// literal in a method body that is a whole T-SQL statement (found in the IL: constants are folded into the methods that use
/// them, so this also finds `Select + " WHERE …"` written inline), named by its method. Static initialisers are left out:
/// they only build the fields already listed.
/// </summary>
public static partial class ServiceSql
{
    private const BindingFlags Declared = BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
    private const string Prefix = "RepairDispatch.Api.";

    // Declared before SqlServerTexts: static initialisers run in order.
    private static readonly Dictionary<short, OpCode> OpCodesByValue =
        typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    public static IReadOnlyDictionary<string, string> SqlServerTexts { get; } = Find();

    /// <summary>Dapper expands `IN @list` into `IN (@list1, @list2, …)` before SQL Server sees it.</summary>
    public static string AsSent(string sql) => DapperList().Replace(sql, "IN (@$1)");

    private static Dictionary<string, string> Find()
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        var sqliteOnly = new HashSet<string>(StringComparer.Ordinal);
        var types = typeof(Db).Assembly.GetTypes().Where(t => !t.IsGenericTypeDefinition).ToList();
        foreach (var type in types)
        foreach (var field in type.GetFields(Declared).Where(f => f.IsStatic))
        {
            var name = Name(type) + "." + field.Name;
            if (field.FieldType == typeof(DialectSql) && field.GetValue(null) is DialectSql dialect)
            {
                texts[name + ".SqlServer"] = dialect.SqlServer;
                sqliteOnly.Add(dialect.Sqlite);
            }
            else if (field.FieldType == typeof(string) && (field.IsLiteral ? field.GetRawConstantValue() : field.IsInitOnly ? field.GetValue(null) : null) is string text &&
                     (field.Name.EndsWith("Sql", StringComparison.Ordinal) || StartsAStatement().IsMatch(text)))
                texts[name] = text;
        }
        var named = texts.Values.Concat(sqliteOnly).ToHashSet(StringComparer.Ordinal);
        foreach (var type in types)
        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)).Where(m => m.Name != ConstructorInfo.TypeConstructorName))
        foreach (var literal in Literals(method).Where(l => StartsAStatement().IsMatch(l) && !named.Contains(l) && Parses(l)))
            texts[$"{Name(type)}.{method.Name}: {literal[..Math.Min(40, literal.Length)]}"] = literal;
        return texts;
    }

    private static bool Parses(string sql)
    {
        new TSql150Parser(initialQuotedIdentifiers: true).Parse(new StringReader(AsSent(sql)), out var errors);
        return errors.Count == 0;
    }

    private static string Name(Type type) => type.FullName!.StartsWith(Prefix, StringComparison.Ordinal) ? type.FullName[Prefix.Length..] : type.FullName;

    /// <summary>The operands of the ldstr instructions of a method body.</summary>
    private static IEnumerable<string> Literals(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray() ?? [];
        for (var i = 0; i < il.Length;)
        {
            var value = il[i] == 0xFE ? (short)(0xFE00 | il[i + 1]) : il[i];
            var code = OpCodesByValue[value];
            i += code.Size;
            if (code == OpCodes.Ldstr) yield return method.Module.ResolveString(BitConverter.ToInt32(il, i));
            i += code.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, i),
                _ => 4,
            };
        }
    }

    [GeneratedRegex(@"^\s*(SELECT|INSERT|UPDATE|DELETE|MERGE|WITH)\s")]
    private static partial Regex StartsAStatement();

    [GeneratedRegex(@"\bIN\s+@(\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex DapperList();
}
