using System.Net;
using RepairDispatch.Tests.Infrastructure;

namespace RepairDispatch.Tests.Customers;

public class CustomersTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static object NewCustomer(string name, params string[] phones) => new
    {
        name, phones, addresses = new[] { new { district = "Xihu", street = "12 Wensan Road", lat = 30.27, lon = 120.13 } },
    };

    [Fact]
    public async Task A_created_customer_answers_201_with_location_and_reads_back_by_id_and_in_the_list()
    {
        var desk = await api.NewUser("frontdesk");
        var response = await desk.PostJson("/api/v1/customers", new
        {
            name = "Wang Fang", phones = new[] { "138 0013 8000", "0571-8888 1234" }, tier = "Vip", callbackConsent = false, notes = "Dog in yard",
            addresses = new[] { new { district = "Xihu", street = "12 Wensan Road", lat = 30.27, lon = 120.13 } },
        });

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var created = await response.Json();
        var id = created.Str("id");
        response.Headers.Location!.ToString().Should().Be($"/api/v1/customers/{id}");
        created.Str("storeId").Should().Be(await api.DefaultStoreId());
        created["phones"]!.AsArray().Select(p => p!.GetValue<string>()).Should().Equal("13800138000", "057188881234");
        created["addresses"]![0].Str("district").Should().Be("Xihu");
        created["addresses"]![0].Str("id").Should().NotBeNullOrEmpty();
        created.Str("tier").Should().Be("Vip");
        created["callbackConsent"]!.GetValue<bool>().Should().BeFalse();

        var read = await desk.GetOk($"/api/v1/customers/{id}");
        read.ToJsonString().Should().Be(created.ToJsonString());
        var list = await desk.GetOk("/api/v1/customers");
        list["items"]!.AsArray().Select(i => i.Str("id")).Should().Contain(id);
    }

    [Fact]
    public async Task A_customer_is_found_by_any_of_their_phones_whatever_the_spaces_and_dashes()
    {
        var desk = await api.NewUser("frontdesk");
        var id = (await desk.PostOk("/api/v1/customers", NewCustomer("Li Lei", "139-1111-2222", "+86 135 0000 9999"))).Str("id");

        foreach (var phone in new[] { "13911112222", "139 1111 2222", "+86-135-0000-9999" })
        {
            var found = await desk.GetOk("/api/v1/customers?phone=" + Uri.EscapeDataString(phone));
            found["items"]!.AsArray().Select(i => i.Str("id")).Should().Equal([id], "phone {0} should match", phone);
        }
        (await desk.GetOk("/api/v1/customers?phone=13911112223"))["items"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task Customers_are_found_by_part_of_their_name()
    {
        var desk = await api.NewUser("frontdesk");
        var id = (await desk.PostOk("/api/v1/customers", NewCustomer("Zhao 100% Xiaoming", "13722223333"))).Str("id");
        await desk.PostOk("/api/v1/customers", NewCustomer("Zhao Other", "13722224444"));

        var found = await desk.GetOk("/api/v1/customers?q=" + Uri.EscapeDataString("100% xiao"));
        found["items"]!.AsArray().Select(i => i.Str("id")).Should().Equal(id);
    }

    [Fact]
    public async Task Paging_by_two_over_five_customers_serves_each_exactly_once()
    {
        var desk = await api.NewUser("frontdesk");
        var tag = "Pager" + Guid.NewGuid().ToString("N")[..6];
        var ids = new List<string>();
        for (var i = 0; i < 5; i++) ids.Add((await desk.PostOk("/api/v1/customers", NewCustomer($"{tag} {i}", $"1360000000{i}"))).Str("id"));

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await desk.GetOk($"/api/v1/customers?q={tag}&pageSize=2" + (cursor is null ? "" : "&cursor=" + cursor));
            page["items"]!.AsArray().Count.Should().BeLessThanOrEqualTo(2);
            seen.AddRange(page["items"]!.AsArray().Select(i => i.Str("id")));
            cursor = page["nextCursor"]?.GetValue<string>();
            pages++;
        } while (cursor is not null && pages < 10);

        pages.Should().Be(3);
        seen.Should().Equal(Enumerable.Reverse(ids), "newest first, each exactly once");
    }

    [Fact]
    public async Task A_headquarters_user_must_name_an_existing_store_for_a_new_customer()
    {
        var admin = await api.AdminClient();
        await (await admin.PostJson("/api/v1/customers", NewCustomer("No Store", "13600001111"))).ShouldBeProblem(HttpStatusCode.BadRequest, "storeId");
        await (await admin.PostJson("/api/v1/customers", new { name = "Bad Store", phones = new[] { "13600001111" }, storeId = Guid.NewGuid() }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "storeId");

        var storeId = await api.NewStoreId();
        var created = await admin.PostOk("/api/v1/customers", new { name = "HQ Made", phones = new[] { "13600001111" }, storeId });
        created.Str("storeId").Should().Be(storeId);
    }

    [Theory]
    [InlineData("phone-abc")]
    [InlineData("12 34")]
    [InlineData("- - - - - -")]
    public async Task A_phone_that_is_not_a_number_is_refused_naming_phones(string phone)
    {
        var desk = await api.NewUser("frontdesk");
        await (await desk.PostJson("/api/v1/customers", NewCustomer("Bad Phone", phone))).ShouldBeProblem(HttpStatusCode.BadRequest, "phones");
    }

    [Fact]
    public async Task No_phone_or_more_than_five_phones_or_a_blank_address_is_refused()
    {
        var desk = await api.NewUser("frontdesk");
        await (await desk.PostJson("/api/v1/customers", NewCustomer("No Phone"))).ShouldBeProblem(HttpStatusCode.BadRequest, "phones");
        await (await desk.PostJson("/api/v1/customers", NewCustomer("Six Phones", "13600000001", "13600000002", "13600000003",
            "13600000004", "13600000005", "13600000006"))).ShouldBeProblem(HttpStatusCode.BadRequest, "phones");
        await (await desk.PostJson("/api/v1/customers", new
        {
            name = "Blank District", phones = new[] { "13600000001" }, addresses = new[] { new { district = "", street = "1 Road" } },
        })).ShouldBeProblem(HttpStatusCode.BadRequest, "addresses[0].district");
    }

    [Fact]
    public async Task A_bad_page_size_or_cursor_is_refused_naming_the_parameter()
    {
        var desk = await api.NewUser("frontdesk");
        await (await desk.GetAsync("/api/v1/customers?pageSize=0")).ShouldBeProblem(HttpStatusCode.BadRequest, "pageSize");
        await (await desk.GetAsync("/api/v1/customers?pageSize=201")).ShouldBeProblem(HttpStatusCode.BadRequest, "pageSize");
        await (await desk.GetAsync("/api/v1/customers?cursor=nonsense")).ShouldBeProblem(HttpStatusCode.BadRequest, "cursor");
    }

    [Fact]
    public async Task The_customer_archive_is_the_chains_every_store_finds_another_stores_customer()
    {
        var otherStore = await api.NewStoreId();
        var otherDesk = await api.NewUser("frontdesk", otherStore);
        var id = (await otherDesk.PostOk("/api/v1/customers", NewCustomer("Elsewhere", "13533334444"))).Str("id");
        var desk = await api.NewUser("frontdesk");

        (await desk.GetOk($"/api/v1/customers/{id}")).Str("storeId").Should().Be(otherStore, "his home store is where he was first recorded");
        (await desk.GetOk("/api/v1/customers?phone=13533334444"))["items"]!.AsArray().Select(i => i.Str("id")).Should().Equal(id);
        (await desk.GetOk($"/api/v1/customers/{id}/appliances"))["items"]!.AsArray().Should().BeEmpty();
        (await desk.GetOk($"/api/v1/customers?phone=13533334444&storeId={Guid.NewGuid()}"))["items"]!.AsArray().Should().BeEmpty("storeId narrows to a home store");
    }

    [Fact]
    public async Task Finance_may_not_create_customers()
    {
        var finance = await api.NewUser("finance");
        await (await finance.PostJson("/api/v1/customers", NewCustomer("Not Allowed", "13600002222"))).ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_technician_may_not_list_customers()
    {
        var technician = await api.NewUser("technician");
        await (await technician.GetAsync("/api/v1/customers")).ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Without_a_token_the_customers_answer_401()
    {
        await (await api.CreateClient().GetAsync("/api/v1/customers")).ShouldBeProblem(HttpStatusCode.Unauthorized);
    }
}
