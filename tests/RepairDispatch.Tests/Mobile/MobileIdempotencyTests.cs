using System.Net;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.WorkOrders;

namespace RepairDispatch.Tests.Mobile;

/// <summary>A phone on a bad network sends a step again with the same Idempotency-Key: one effect, the same answer.</summary>
public class MobileIdempotencyTests(StationFixture api) : IClassFixture<StationFixture>
{
    private static async Task<(HttpStatusCode Status, string Body, string? ETag, bool Replayed)> Answer(HttpResponseMessage r) =>
        (r.StatusCode, await r.Content.ReadAsStringAsync(), r.Headers.ETag?.ToString(), r.Headers.Contains("Idempotent-Replayed"));

    [Fact]
    public async Task EveryStepSentTwiceWithOneKeyAnswersTheSameAndHappensOnce()
    {
        var d = await api.Data.ReadyAsync();
        var job = await MobileClient.AssignedToA(d);
        var declined = await MobileClient.AssignedToA(d);
        var steps = new[] { (job, "accept"), (job, "depart"), (job, "arrive"), (job, "await-parts"), (job, "depart"), (job, "arrive"),
            (job, "complete"), (declined, "decline") };

        foreach (var (id, step) in steps)
        {
            var key = Guid.NewGuid().ToString();
            var before = (await MobileClient.EventKinds(d, id)).Length;
            var first = await Answer(await d.TechA.Step(id, step, MobileClient.BodyOf(step, d), key));
            var again = await Answer(await d.TechA.Step(id, step, MobileClient.BodyOf(step, d), key));

            first.Status.Should().Be(HttpStatusCode.OK, "{0}: {1}", step, first.Body);
            again.Status.Should().Be(first.Status, step);
            again.Body.Should().Be(first.Body, step);
            again.ETag.Should().Be(first.ETag, step);
            again.Replayed.Should().BeTrue(step);
            (await MobileClient.EventKinds(d, id)).Length.Should().Be(before + 1, "{0} happened once", step);
        }
        (await d.CountRowsOf("work_order_parts", job)).Should().Be(1);
        (await d.CountRowsOf("work_order_charges", job)).Should().BeGreaterThan(0);
        (await MobileClient.Order(d, declined)).Str("status").Should().Be("New");
    }

    [Fact]
    public async Task ARefusalIsRepeatedFromTheStoreEvenAfterTheJobMoved()
    {
        var d = await api.Data.ReadyAsync();
        var id = await MobileClient.AssignedToA(d);
        var key = Guid.NewGuid().ToString();
        var refused = await Answer(await d.TechA.Step(id, "depart", key: key));
        (await d.TechA.Step(id, "accept")).EnsureSuccessStatusCode();

        var again = await Answer(await d.TechA.Step(id, "depart", key: key));

        refused.Status.Should().Be(HttpStatusCode.Conflict);
        again.Should().Be(refused with { Replayed = true }, "the retry is the same request, so it gets the same answer and does nothing");
        (await MobileClient.Order(d, id)).Str("status").Should().Be("Accepted");
    }

    [Fact]
    public async Task TheSameKeyWithADifferentBodyIs422AndDoesNothing()
    {
        var d = await api.Data.ReadyAsync();
        var id = await MobileClient.AssignedToA(d);
        await d.TechA.Step(id, "accept");
        await d.TechA.Step(id, "depart");
        var key = Guid.NewGuid().ToString();
        (await d.TechA.Step(id, "arrive", new { lat = 31.2, lon = 121.5 }, key)).StatusCode.Should().Be(HttpStatusCode.OK);
        var events = (await MobileClient.EventKinds(d, id)).Length;

        await (await d.TechA.Step(id, "arrive", new { lat = 31.3, lon = 121.5 }, key)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);

        (await MobileClient.EventKinds(d, id)).Length.Should().Be(events);
    }

    [Fact]
    public async Task KeysArePerUserSoAnotherTechniciansKeyIsNotAReplay()
    {
        var d = await api.Data.ReadyAsync();
        var mine = await MobileClient.AssignedToA(d);
        var theirs = (await d.NewWorkOrder()).Str("id");
        await d.Manager.PostOk($"/api/v1/work-orders/{theirs}/assign", new { technicianId = d.TechnicianB }, HttpStatusCode.OK);
        var key = Guid.NewGuid().ToString();

        (await d.TechA.Step(mine, "accept", key: key)).StatusCode.Should().Be(HttpStatusCode.OK);
        var b = await d.TechB.Step(theirs, "accept", key: key);

        b.StatusCode.Should().Be(HttpStatusCode.OK);
        b.Headers.Contains("Idempotent-Replayed").Should().BeFalse();
        (await MobileClient.Order(d, theirs)).Str("status").Should().Be("Accepted");
    }

    [Theory]
    [InlineData("accept")]
    [InlineData("complete")]
    public async Task TwentyConcurrentCopiesOfOneRequestHaveOneEffect(string step)
    {
        var d = await api.Data.ReadyAsync();
        var id = step == "accept" ? await MobileClient.AssignedToA(d) : await MobileClient.OnSiteWithA(d);
        var before = (await MobileClient.EventKinds(d, id)).Length;
        var key = Guid.NewGuid().ToString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ => await Answer(await d.TechA.Step(id, step, MobileClient.BodyOf(step, d), key))));

        var done = answers.Where(a => a.Status == HttpStatusCode.OK).ToList();
        done.Should().NotBeEmpty();
        done.Select(a => a.Body).Distinct().Should().ContainSingle("every copy that got through carries the one original answer");
        answers.Should().OnlyContain(a => a.Status == HttpStatusCode.OK || a.Status == HttpStatusCode.Conflict && a.Body.Contains("request-in-progress"),
            "a copy waits for the first and replays its answer, or is told to retry; it is never run as a second request");
        (await MobileClient.EventKinds(d, id)).Length.Should().Be(before + 1);
        if (step == "complete") (await d.CountRowsOf("work_order_parts", id)).Should().Be(1);
    }

    [Fact]
    public async Task AConcurrentCopyThatWasToldToRetryGetsTheOriginalAnswerLater()
    {
        var d = await api.Data.ReadyAsync();
        var id = await MobileClient.AssignedToA(d);
        var key = Guid.NewGuid().ToString();
        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(async _ => await Answer(await d.TechA.Step(id, "accept", key: key))));

        var later = await Answer(await d.TechA.Step(id, "accept", key: key));

        later.Status.Should().Be(HttpStatusCode.OK);
        later.Body.Should().Be(answers.First(a => a.Status == HttpStatusCode.OK).Body);
    }
}
