using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Tests.Infrastructure;

/// <summary>
/// The unit of work itself: whatever a handler wrote before it answers with a problem is rolled back, however the
/// problem is wrapped; only an answer that says <see cref="CommitAndRefuse"/> keeps its writes.
/// </summary>
public class UnitOfWorkTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    public static TheoryData<string, object?, bool> Answers() => new()
    {
        { "a problem", Problems.Conflict("x", Text.Of("y")), true },
        { "a problem in Results<,>", (Results<Created<int>, ProblemHttpResult>)Problems.Validation("f", Text.Of("m")), true },
        { "a problem with an ETag", Problems.PreconditionFailed("\"3\""), true },
        { "a 429 with Retry-After", new RetryAfter(5, Problems.TooManyRequests(Text.Of("x"))), true },
        { "NotFound", TypedResults.NotFound(), true },
        { "Conflict", TypedResults.Conflict(), true },
        { "ValidationProblem", TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["f"] = ["m"] }), true },
        { "a failed login, recorded", new CommitAndRefuse(Problems.Make(401, "invalid-credentials", Text.Of("d"))), false },
        { "Ok", TypedResults.Ok(1), false },
        { "Created in Results<,>", (Results<Created<int>, ProblemHttpResult>)TypedResults.Created("/x", 1), false },
        { "Ok with an ETag", new WithETag("\"3\"", TypedResults.Ok(1)), false },
        { "NoContent", TypedResults.NoContent(), false },
        { "a job's count", 3, false },
        { "nothing", null, false },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public void AnAnswerIsARefusalWhenItsStatusIs4xxOr5xxWhereverItIsWrapped(string what, object? answer, bool refusal) =>
        Refusal.Is(answer).Should().Be(refusal, what);

    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 1)]
    public async Task AProblemReturnedAfterAWriteRollsItBackUnlessItSaysCommitAndRefuse(bool commit, int kept)
    {
        var name = "Brand " + Guid.NewGuid().ToString("N")[..8];

        var answer = await api.Db.InTransactionAsync<Results<Created<int>, ProblemHttpResult>>(async (c, tx) =>
        {
            await c.ExecuteAsync("INSERT INTO manufacturers (id, name, created_at) VALUES (@Id, @Name, @Now)",
                new { Id = Guid.NewGuid(), Name = name, Now = api.Clock.GetUtcNow() }, tx);
            var problem = Problems.Conflict("refused-after-write", Text.Of("Decided after writing."));
            return commit ? (Results<Created<int>, ProblemHttpResult>)TypedResults.Created("/x", 1) : problem;
        });
        var recorded = await api.Db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            await c.ExecuteAsync("UPDATE manufacturers SET contact_name = 'seen' WHERE name = @Name", new { Name = name }, tx);
            var problem = Problems.Conflict("refused-after-write", Text.Of("Decided after writing."));
            return commit ? new CommitAndRefuse(problem) : problem;
        });

        Refusal.Is(answer).Should().Be(!commit);
        recorded.Should().BeOfType(commit ? typeof(CommitAndRefuse) : typeof(ProblemHttpResult));
        await using var check = await api.Db.OpenAsync();
        (await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM manufacturers WHERE name = @Name AND contact_name = 'seen'", new { Name = name }))
            .Should().Be(kept);
    }
}
