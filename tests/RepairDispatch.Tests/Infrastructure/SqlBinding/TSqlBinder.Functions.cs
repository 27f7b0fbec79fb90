using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace RepairDispatch.Tests.Infrastructure.SqlBinding;

/// <summary>
/// The parser takes any name followed by brackets for a function, so a shared statement may call a SQLite function
/// (ifnull, substr, length, julianday…) and still parse. A call must name a built-in function of SQL Server 2019, the
/// oldest version the deploy guide supports (CAST, CONVERT, COALESCE, NULLIF, IIF are not calls to the parser).
/// </summary>
public sealed partial class TSqlBinder
{
    private static readonly HashSet<string> BuiltIns = new(Names)
    {
        // aggregates and windows
        "COUNT", "COUNT_BIG", "SUM", "MIN", "MAX", "AVG", "STDEV", "STDEVP", "VAR", "VARP", "STRING_AGG", "CHECKSUM_AGG", "GROUPING",
        "APPROX_COUNT_DISTINCT", "ROW_NUMBER", "RANK", "DENSE_RANK", "NTILE", "LAG", "LEAD", "FIRST_VALUE", "LAST_VALUE", "CUME_DIST",
        "PERCENT_RANK", "PERCENTILE_CONT", "PERCENTILE_DISC",
        // strings
        "LEN", "DATALENGTH", "LEFT", "RIGHT", "SUBSTRING", "CHARINDEX", "PATINDEX", "REPLACE", "UPPER", "LOWER", "LTRIM", "RTRIM", "TRIM",
        "CONCAT", "CONCAT_WS", "FORMAT", "STR", "REPLICATE", "REVERSE", "STUFF", "QUOTENAME", "NCHAR", "CHAR", "ASCII", "UNICODE", "SPACE",
        "STRING_ESCAPE", "TRANSLATE", "SOUNDEX", "DIFFERENCE", "FORMATMESSAGE",
        // dates
        "GETDATE", "GETUTCDATE", "SYSDATETIME", "SYSUTCDATETIME", "SYSDATETIMEOFFSET", "DATEADD", "DATEDIFF", "DATEDIFF_BIG", "DATEPART",
        "DATENAME", "DATEFROMPARTS", "DATETIME2FROMPARTS", "DATETIMEFROMPARTS", "DATETIMEOFFSETFROMPARTS", "SMALLDATETIMEFROMPARTS",
        "TIMEFROMPARTS", "EOMONTH", "SWITCHOFFSET", "TODATETIMEOFFSET", "YEAR", "MONTH", "DAY", "ISDATE",
        // numbers
        "ABS", "CEILING", "FLOOR", "ROUND", "POWER", "SQRT", "SQUARE", "SIGN", "PI", "SIN", "COS", "TAN", "COT", "ASIN", "ACOS", "ATAN", "ATN2",
        "RADIANS", "DEGREES", "LOG", "LOG10", "EXP", "RAND", "ISNUMERIC",
        // logic, JSON, system
        "ISNULL", "CHOOSE", "JSON_VALUE", "JSON_QUERY", "JSON_MODIFY", "ISJSON", "NEWID", "NEWSEQUENTIALID", "OBJECT_ID", "OBJECT_NAME",
        "DB_ID", "DB_NAME", "COL_NAME", "COL_LENGTH", "SCHEMA_ID", "SCHEMA_NAME", "TYPE_ID", "TYPE_NAME", "SCOPE_IDENTITY", "IDENT_CURRENT",
        "MIN_ACTIVE_ROWVERSION", "CHECKSUM", "BINARY_CHECKSUM", "HASHBYTES", "COMPRESS", "DECOMPRESS", "SESSION_CONTEXT", "APP_NAME",
        "HOST_NAME", "SUSER_SNAME", "USER_NAME", "ERROR_MESSAGE", "ERROR_NUMBER", "ERROR_SEVERITY", "ERROR_STATE", "ERROR_LINE",
        "ERROR_PROCEDURE", "XACT_STATE",
    };

    private void RequireBuiltIn(FunctionCall call)
    {
        if (call.CallTarget is null && !BuiltIns.Contains(call.FunctionName.Value))
            Error(call, $"'{call.FunctionName.Value}()' is not a built-in function of SQL Server 2019");
    }
}
