using System.Data.Common;

namespace RepairDispatch.Api.Infrastructure;

public static class DbErrors
{
    /// <summary>Unique, primary-key, foreign-key or check violation, on either database.</summary>
    public static bool IsConstraintViolation(DbException e) =>
        e is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 } // SQLITE_CONSTRAINT
        || e is Microsoft.Data.SqlClient.SqlException { Number: 2627 or 2601 or 547 };
}
