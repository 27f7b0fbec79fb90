using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace RepairDispatch.Api.Infrastructure;

/// <summary>
/// The caller's language from Accept-Language: zh-CN (the station's default, also for any language we do not have)
/// or en. Only the UI culture changes: numbers and dates the API formats stay invariant, texts come from Texts/*.resx.
/// </summary>
public static class Localization
{
    public static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    public static IServiceCollection AddRepairDispatchLocalization(this IServiceCollection services) =>
        services.AddLocalization().Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(CultureInfo.InvariantCulture, Chinese);
            o.SupportedCultures = [CultureInfo.InvariantCulture];
            o.SupportedUICultures = [Chinese, English];
            o.FallBackToParentUICultures = true;
            o.RequestCultureProviders = [new AcceptLanguageHeaderRequestCultureProvider()];
            o.ApplyCurrentCultureToResponseHeaders = true;
        });
}
