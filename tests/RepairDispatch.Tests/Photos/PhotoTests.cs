using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.WorkOrders;
using SixLabors.ImageSharp;

namespace RepairDispatch.Tests.Photos;

/// <summary>Evidence photos through the API: from the phone and the desk, by content, once per job, duplicates flagged, bad files refused.</summary>
public class PhotoTests(StationFixture api) : IClassFixture<StationFixture>
{
    private string BlobFolder => Path.Combine(Path.GetDirectoryName(api.DatabasePath)!, "blobs");

    private int BlobFiles() => Directory.Exists(BlobFolder) ? Directory.GetFiles(BlobFolder, "*", SearchOption.AllDirectories).Length : 0;

    public static MultipartFormDataContent Form(byte[] file, string kind, string fileName = "photo.jpg", string contentType = "image/jpeg",
        string? takenAt = null, string? lat = null, string? lon = null, string? boundary = null)
    {
        var form = boundary is null ? new MultipartFormDataContent() : new MultipartFormDataContent(boundary);
        form.Add(new StringContent(kind), "kind");
        if (takenAt is not null) form.Add(new StringContent(takenAt), "takenAt");
        if (lat is not null) form.Add(new StringContent(lat), "lat");
        if (lon is not null) form.Add(new StringContent(lon), "lon");
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(content, "file", fileName);
        return form;
    }

    /// <summary>A new order assigned to technician A (his job).</summary>
    public static async Task<string> JobOfTechnicianA(TestData d)
    {
        var id = (await d.NewWorkOrder()).Str("id");
        await d.Manager.PostOk($"/api/v1/work-orders/{id}/assign", new { technicianId = d.TechnicianA }, HttpStatusCode.OK);
        return id;
    }

    public static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    [Fact]
    public async Task ATechnicianUploadsAJpegWhoseTimeComesFromExifAndPlaceFromTheForm()
    {
        var d = await api.Data.ReadyAsync();
        var job = await JobOfTechnicianA(d);
        var jpeg = TestImages.Jpeg(101, exifTakenAt: "2026:05:01 10:30:00");

        var response = await d.TechA.PostAsync($"/api/v1/mobile/jobs/{job}/photos", Form(jpeg, "Nameplate", lat: "31.2397", lon: "121.4998"));

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var photo = await response.Json();
        photo.Str("kind").Should().Be("Nameplate");
        photo.Str("sha256").Should().Be(Sha(jpeg));
        photo["width"]!.GetValue<int>().Should().Be(640);
        photo["height"]!.GetValue<int>().Should().Be(480);
        photo["takenAt"]!.GetValue<DateTimeOffset>().Should().Be(new DateTimeOffset(2026, 5, 1, 2, 30, 0, TimeSpan.Zero), "EXIF time is the store's (Shanghai)");
        photo["duplicateOf"]!.AsArray().Should().BeEmpty();
        (await d.CountRowsOf("work_order_photos", job)).Should().Be(1);
        File.Exists(Path.Combine(BlobFolder, Sha(jpeg)[..2], Sha(jpeg))).Should().BeTrue();

        var list = await d.TechA.GetOk($"/api/v1/work-orders/{job}/photos");
        var item = list["items"]!.AsArray().Should().ContainSingle().Subject!;
        item.Str("id").Should().Be(photo.Str("id"));
        item.Str("uploadedBy").Should().NotBeNullOrEmpty();
        (await d.FrontDesk.GetOk($"/api/v1/work-orders/{job}/photos"))["items"]!.AsArray().Should().HaveCount(1);

        var full = await d.FrontDesk.GetAsync($"/api/v1/photos/{photo.Str("id")}/content?size=full");
        full.StatusCode.Should().Be(HttpStatusCode.OK);
        full.Content.Headers.ContentType!.MediaType.Should().Be("image/jpeg");
        (await full.Content.ReadAsByteArrayAsync()).Should().Equal(jpeg);
        var thumb = await d.TechA.GetAsync($"/api/v1/photos/{photo.Str("id")}/content?size=thumb");
        thumb.Content.Headers.ContentType!.MediaType.Should().Be("image/jpeg");
        using var thumbnail = Image.Load(await thumb.Content.ReadAsByteArrayAsync());
        Math.Max(thumbnail.Width, thumbnail.Height).Should().Be(320);

        // Another technician sees neither the list nor the picture.
        await (await d.TechB.GetAsync($"/api/v1/work-orders/{job}/photos")).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await d.TechB.GetAsync($"/api/v1/photos/{photo.Str("id")}/content")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PngAndWebPAreAcceptedByTheirContentWhateverTheirNameFromTheDesk()
    {
        var d = await api.Data.ReadyAsync();
        var order = (await d.NewWorkOrder()).Str("id");

        var png = await d.FrontDesk.PostAsync($"/api/v1/work-orders/{order}/photos", Form(TestImages.Png(102), "Invoice", "invoice.jpg", "image/jpeg",
            takenAt: "2026-05-02T09:00:00+08:00"));
        var webp = await d.FrontDesk.PostAsync($"/api/v1/work-orders/{order}/photos", Form(TestImages.WebP(103), "InstallationCard", "card.bin",
            "application/octet-stream"));

        png.StatusCode.Should().Be(HttpStatusCode.Created, await png.Content.ReadAsStringAsync());
        (await png.Json())["takenAt"]!.GetValue<DateTimeOffset>().Should().Be(new DateTimeOffset(2026, 5, 2, 1, 0, 0, TimeSpan.Zero));
        webp.StatusCode.Should().Be(HttpStatusCode.Created, await webp.Content.ReadAsStringAsync());
        var webpId = (await webp.Json()).Str("id");
        (await webp.Json()).ContainsKey("takenAt").Should().BeFalse("neither the form nor EXIF said when");
        var full = await d.Manager.GetAsync($"/api/v1/photos/{webpId}/content?size=full");
        full.Content.Headers.ContentType!.MediaType.Should().Be("image/webp");
        (await d.CountRowsOf("work_order_photos", order)).Should().Be(2);
    }

    [Fact]
    public async Task TheSameBytesTwiceOnOneJobAnswerTheFirstPhotoAndStoreNothingNew()
    {
        var d = await api.Data.ReadyAsync();
        var job = await JobOfTechnicianA(d);
        var jpeg = TestImages.Jpeg(104);
        var first = await d.TechA.PostAsync($"/api/v1/mobile/jobs/{job}/photos", Form(jpeg, "FailedPart"));
        first.StatusCode.Should().Be(HttpStatusCode.Created);
        var blobs = BlobFiles();

        var again = await d.TechA.PostAsync($"/api/v1/mobile/jobs/{job}/photos", Form(jpeg, "FailedPart", "again.jpg"));

        again.StatusCode.Should().Be(HttpStatusCode.OK);
        (await again.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync());
        (await d.CountRowsOf("work_order_photos", job)).Should().Be(1);
        BlobFiles().Should().Be(blobs);
    }

    [Fact]
    public async Task ARetryWithTheSameIdempotencyKeyGetsTheFirstAnswerReplayed()
    {
        var d = await api.Data.ReadyAsync();
        var job = await JobOfTechnicianA(d);
        var jpeg = TestImages.Jpeg(105);
        var key = Guid.NewGuid().ToString();
        HttpRequestMessage Request()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/mobile/jobs/{job}/photos")
            {
                Content = Form(jpeg, "SiteBefore", boundary: "retry-boundary-1"),
            };
            request.Headers.Add("Idempotency-Key", key);
            return request;
        }

        var first = await d.TechA.SendAsync(Request());
        var retry = await d.TechA.SendAsync(Request());

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        retry.StatusCode.Should().Be(HttpStatusCode.Created);
        retry.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        (await retry.Json()).Str("id").Should().Be((await first.Json()).Str("id"));
        (await d.CountRowsOf("work_order_photos", job)).Should().Be(1);
    }

    [Fact]
    public async Task TheSameImageOnAnotherOrderIsFlaggedAndSoIsTheSamePictureReEncodedAndResized()
    {
        var d = await api.Data.ReadyAsync();
        var (one, two, three, four) = (await JobOfTechnicianA(d), (await d.NewWorkOrder()).Str("id"), (await d.NewWorkOrder()).Str("id"),
            (await d.NewWorkOrder()).Str("id"));
        var original = await d.TechA.PostAsync($"/api/v1/mobile/jobs/{one}/photos", Form(TestImages.Jpeg(106), "Nameplate"));
        var originalId = (await original.Json()).Str("id");

        var same = await d.FrontDesk.PostAsync($"/api/v1/work-orders/{two}/photos", Form(TestImages.Jpeg(106), "Nameplate"));
        var nearly = await d.FrontDesk.PostAsync($"/api/v1/work-orders/{three}/photos", Form(TestImages.ReEncodedSmaller(106), "Nameplate"));
        var other = await d.FrontDesk.PostAsync($"/api/v1/work-orders/{four}/photos", Form(TestImages.Jpeg(107), "Nameplate"));

        same.StatusCode.Should().Be(HttpStatusCode.Created);
        var sameDuplicates = (await same.Json())["duplicateOf"]!.AsArray();
        sameDuplicates.Should().ContainSingle();
        sameDuplicates[0].Str("workOrderId").Should().Be(one);
        sameDuplicates[0].Str("photoId").Should().Be(originalId);
        nearly.StatusCode.Should().Be(HttpStatusCode.Created);
        (await nearly.Json())["duplicateOf"]!.AsArray().Select(r => r.Str("photoId")).Should().Contain(originalId);
        (await other.Json())["duplicateOf"]!.AsArray().Should().BeEmpty("a different picture is no duplicate");
        // The list of the first order shows the later copies too.
        var listed = (await d.Manager.GetOk($"/api/v1/work-orders/{one}/photos"))["items"]!.AsArray().Single()!;
        listed["duplicateOf"]!.AsArray().Select(r => r.Str("workOrderId")).Should().BeEquivalentTo([two, three]);
    }

    public static TheoryData<string, string> BadUploads() => new()
    {
        { "a zip renamed .jpg", "file" },
        { "a truncated JPEG", "file" },
        { "a 9 MB file", "file" },
        { "a PNG bomb", "file" },
        { "a wrong kind", "kind" },
        { "a place without its longitude", "lon" },
        { "no file", "file" },
    };

    /// <summary>The form of one of <see cref="BadUploads"/>.</summary>
    public static MultipartFormDataContent BadUpload(string what) => what switch
    {
        "a zip renamed .jpg" => Form(TestImages.Zip(), "Invoice", "invoice.jpg"),
        "a truncated JPEG" => Form(TestImages.Truncated(TestImages.Jpeg(108)), "Nameplate"),
        "a 9 MB file" => Form(TestImages.NineMegabytes(), "Nameplate"),
        "a PNG bomb" => Form(TestImages.PngBomb(), "Nameplate", "bomb.png", "image/png"),
        "a wrong kind" => Form(TestImages.Jpeg(109), "Selfie"),
        "a place without its longitude" => Form(TestImages.Jpeg(110), "Nameplate", lat: "31.2"),
        _ => new MultipartFormDataContent { { new StringContent("Nameplate"), "kind" } },
    };

    [Theory]
    [MemberData(nameof(BadUploads))]
    public async Task ABadUploadIsRefusedNamingTheFieldAndStoresNothing(string what, string field)
    {
        var d = await api.Data.ReadyAsync();
        var job = await JobOfTechnicianA(d);
        var form = BadUpload(what);
        var blobs = BlobFiles();
        var rows = await d.CountRows("work_order_photos");

        var response = await d.TechA.PostAsync($"/api/v1/mobile/jobs/{job}/photos", form);

        await response.ShouldBeProblem(HttpStatusCode.BadRequest, field);
        (await d.CountRows("work_order_photos")).Should().Be(rows);
        BlobFiles().Should().Be(blobs, "{0} leaves no blob behind", what);
    }

    [Fact]
    public async Task APhotoForAnotherTechniciansJobIsNotFoundAndStoresNothing()
    {
        var d = await api.Data.ReadyAsync();
        var job = await JobOfTechnicianA(d);
        var blobs = BlobFiles();

        var response = await d.TechB.PostAsync($"/api/v1/mobile/jobs/{job}/photos", Form(TestImages.Jpeg(111), "Nameplate"));

        await response.ShouldBeProblem(HttpStatusCode.NotFound);
        (await d.CountRowsOf("work_order_photos", job)).Should().Be(0);
        BlobFiles().Should().Be(blobs);
    }
}
