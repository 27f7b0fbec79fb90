namespace RepairDispatch.Api.Infrastructure;

/// <summary>
/// A statement whose text differs between the two databases (paging, upsert, the sync clock), both texts side by side
/// and named, declared next to the feature's shared SQL; <see cref="Db.Sql"/> picks one. Tests find every one by reflection.
/// </summary>
public sealed record DialectSql(string Sqlite, string SqlServer);
