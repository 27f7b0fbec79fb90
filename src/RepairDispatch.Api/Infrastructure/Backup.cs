using Dapper;

namespace RepairDispatch.Api.Infrastructure;

/// <summary>
/// `backup FILE`: a consistent copy of the embedded database while the service runs (SQLite `VACUUM INTO` reads one
/// snapshot and writes a compact new file). Restore: stop the service, put the copy in place of the database file
/// (and remove the -wal/-shm files), start it. SQL Server is backed up with its own tools (deploy/README.md).
/// </summary>
public static class Backup
{
    public static async Task<int> RunAsync(Db db, string file, ILogger logger)
    {
        if (!db.IsSqlite)
        {
            logger.LogError("The backup command is for the embedded database; back up SQL Server with BACKUP DATABASE (deploy/README.md).");
            return 2;
        }
        var target = Path.GetFullPath(file);
        if (File.Exists(target))
        {
            logger.LogError("{File} exists; the backup never overwrites a file.", target);
            return 2;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await using var c = await db.OpenAsync();
        await c.ExecuteAsync("VACUUM INTO @File", new { File = target });
        logger.LogInformation("Backed up the database to {File} ({Bytes} bytes)", target, new FileInfo(target).Length);
        return 0;
    }
}
