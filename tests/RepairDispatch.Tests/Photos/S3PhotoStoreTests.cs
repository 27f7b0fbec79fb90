using System.Net;
using RepairDispatch.Api.Photos;
using RepairDispatch.Tests.Infrastructure;
using SixLabors.ImageSharp;
using static RepairDispatch.Tests.Photos.PhotoTests;

namespace RepairDispatch.Tests.Photos;

/// <summary>The photo API with its bytes in S3-compatible storage (s3rver on loopback): objects named by hash, once, streamed back.</summary>
public class S3PhotoStoreTests(S3StationFixture api) : IClassFixture<S3StationFixture>
{
    private S3BlobStore Store => (S3BlobStore)api.Services.GetService(typeof(IBlobStore))!;

    [S3Fact]
    public async Task APhotoIsStoredAsAnObjectNamedByItsHashAndServedBackWholeAndAsAThumbnail()
    {
        var d = await api.Data.ReadyAsync();
        var job = await JobOfTechnicianA(d);
        var jpeg = TestImages.Jpeg(201, width: 1600, height: 1200);
        var before = await api.S3.KeysAsync();

        var response = await d.TechA.PostAsync($"/api/v1/mobile/jobs/{job}/photos", Form(jpeg, "Nameplate"));

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var id = (await response.Json()).Str("id");
        var added = (await api.S3.KeysAsync()).Except(before).ToList();
        added.Should().HaveCount(2, "the photo and its thumbnail").And.Contain(Sha(jpeg));
        var full = await d.FrontDesk.GetAsync($"/api/v1/photos/{id}/content?size=full");
        full.StatusCode.Should().Be(HttpStatusCode.OK);
        (await full.Content.ReadAsByteArrayAsync()).Should().Equal(jpeg, "the object holds the bytes, with no framing of the upload");
        var thumb = await d.TechA.GetAsync($"/api/v1/photos/{id}/content");
        thumb.Content.Headers.ContentType!.MediaType.Should().Be("image/jpeg");
        var thumbBytes = await thumb.Content.ReadAsByteArrayAsync();
        added.Should().Contain(Sha(thumbBytes));
        using var thumbnail = Image.Load(thumbBytes);
        (thumbnail.Width, thumbnail.Height).Should().Be((320, 240));
    }

    [S3Fact]
    public async Task TheSameBytesTwiceAndOnAnotherOrderKeepOneObject()
    {
        var d = await api.Data.ReadyAsync();
        var (job, other) = (await JobOfTechnicianA(d), (await d.NewWorkOrder()).Str("id"));
        var jpeg = TestImages.Jpeg(202);
        (await d.TechA.PostAsync($"/api/v1/mobile/jobs/{job}/photos", Form(jpeg, "FailedPart"))).StatusCode.Should().Be(HttpStatusCode.Created);
        var keys = await api.S3.KeysAsync();

        var again = await d.TechA.PostAsync($"/api/v1/mobile/jobs/{job}/photos", Form(jpeg, "FailedPart"));
        var elsewhere = await d.FrontDesk.PostAsync($"/api/v1/work-orders/{other}/photos", Form(jpeg, "FailedPart"));

        again.StatusCode.Should().Be(HttpStatusCode.OK);
        elsewhere.StatusCode.Should().Be(HttpStatusCode.Created);
        (await elsewhere.Json())["duplicateOf"]!.AsArray().Should().ContainSingle();
        (await api.S3.KeysAsync()).Should().BeEquivalentTo(keys, "content-addressed: the same bytes are one object");
        (await d.CountRowsOf("work_order_photos", other)).Should().Be(1, "the other order has its own photo row, naming the same object");
    }

    [S3Theory]
    [MemberData(nameof(BadUploads), MemberType = typeof(PhotoTests))]
    public async Task ABadUploadStoresNothingInTheBucket(string what, string field)
    {
        var d = await api.Data.ReadyAsync();
        var job = await JobOfTechnicianA(d);
        var form = BadUpload(what);
        var keys = await api.S3.KeysAsync();

        var response = await d.TechA.PostAsync($"/api/v1/mobile/jobs/{job}/photos", form);

        await response.ShouldBeProblem(HttpStatusCode.BadRequest, field);
        (await api.S3.KeysAsync()).Should().BeEquivalentTo(keys, "{0} leaves no object behind", what);
        (await d.CountRowsOf("work_order_photos", job)).Should().Be(0);
    }

    [S3Fact]
    public async Task TransientFaultsOfTheObjectStoreAreRetriedAndTheUploadSucceeds()
    {
        var d = await api.Data.ReadyAsync();
        var job = await JobOfTechnicianA(d);
        var png = TestImages.Png(205);

        Store.InjectTransientFaults(3); // one call's first three attempts: the pipeline's fourth goes through
        var response = await d.TechA.PostAsync($"/api/v1/mobile/jobs/{job}/photos", Form(png, "SiteAfter", "site.png", "image/png"));
        Store.InjectTransientFaults(3);
        var full = await d.TechA.GetAsync($"/api/v1/photos/{(await response.Json()).Str("id")}/content?size=full");

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        (await full.Content.ReadAsByteArrayAsync()).Should().Equal(png);
        (await api.S3.KeysAsync()).Should().Contain(Sha(png));
    }
}
