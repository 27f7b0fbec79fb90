using System.Threading.Channels;

namespace RepairDispatch.Api.Statements;

/// <summary>
/// A file's lines read on another thread and handed over in batches, so that reading and parsing (MiniExcel, about
/// half of an import) overlap with inserting. Once a problem is found the file will be refused: no more batches are
/// sent, but reading goes on to name the other problems. A file that breaks the reader, or holds more than the
/// allowed lines, ends the reading with <see cref="Damaged"/> or <see cref="TooMany"/>.
/// </summary>
public sealed class LineBatches
{
    private LineBatches() { }

    public List<StatementProblem> Problems { get; } = [];
    public int Count { get; private set; }
    public long TotalFen { get; private set; }
    public bool Damaged { get; private set; }
    public bool TooMany { get; private set; }

    public static (ChannelReader<List<StatementLine>> Batches, Task<LineBatches> Done) Start(StatementTable table, IEnumerable<SheetRow> rows,
        int batchSize, int maxLines, CancellationToken ct)
    {
        var channel = Channel.CreateBounded<List<StatementLine>>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
        var result = new LineBatches();
        var done = Task.Run(async () =>
        {
            try
            {
                var batch = new List<StatementLine>(batchSize);
                foreach (var line in table.Lines(rows, result.Problems.Add))
                {
                    if (++result.Count > maxLines)
                    {
                        result.TooMany = true;
                        break;
                    }
                    result.TotalFen += line.ApprovedFen;
                    if (result.Problems.Count > 0) continue;
                    batch.Add(line);
                    if (batch.Count < batchSize) continue;
                    await channel.Writer.WriteAsync(batch, ct);
                    batch = new List<StatementLine>(batchSize);
                }
                if (batch.Count > 0 && result.Problems.Count == 0 && !result.TooMany) await channel.Writer.WriteAsync(batch, ct);
            }
            catch (Exception e) when (StatementFile.IsDamaged(e))
            {
                result.Damaged = true;
            }
            catch (OperationCanceledException)
            {
                // the inserting side failed and stopped us; its exception is the one that matters
            }
            finally
            {
                channel.Writer.Complete();
            }
            return result;
        }, ct);
        return (channel.Reader, done);
    }
}
