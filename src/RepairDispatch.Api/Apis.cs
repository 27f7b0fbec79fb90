using RepairDispatch.Api.Dispatch;
using RepairDispatch.Api.Callbacks;
using RepairDispatch.Api.Claims;
using RepairDispatch.Api.Complaints;
using RepairDispatch.Api.Notifications;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Contracts;
using RepairDispatch.Api.Customers;
using RepairDispatch.Api.InstallerPartners;
using RepairDispatch.Api.Manufacturers;
using RepairDispatch.Api.Mobile;
using RepairDispatch.Api.Parts;
using RepairDispatch.Api.Photos;
using RepairDispatch.Api.Reports;
using RepairDispatch.Api.Settlements;
using RepairDispatch.Api.Statements;
using RepairDispatch.Api.Stores;
using RepairDispatch.Api.Technicians;
using RepairDispatch.Api.Users;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api;

/// <summary>Every capability's route table, in one visible list.</summary>
public static class Apis
{
    public static void MapRepairDispatchApis(this WebApplication app)
    {
        app.MapAuth();
        app.MapUsers();
        Clients.ClientsApi.MapClients(app);
        Sales.SalesApi.MapSales(app);
        app.MapStores();
        Calendar.CalendarApi.MapCalendar(app);
        app.MapCustomers();
        Sanbao.SanbaoApi.MapSanbao(app);
        app.MapManufacturers();
        app.MapContracts();
        app.MapTechnicians();
        app.MapInstallerPartners();
        app.MapParts();
        Stock.StockApi.MapStock(app);
        app.MapWorkOrders();
        app.MapMobile();
        app.MapPhotos();
        OldParts.OldPartsApi.MapOldParts(app);
        app.MapSettlements();
        app.MapStatements();
        ManufacturerOrders.ManufacturerOrdersApi.MapManufacturerOrders(app);
        Receivables.ReceivablesApi.MapReceivables(app);
        app.MapClaims();
        Payroll.PayrollApi.MapPayroll(app);
        app.MapReports();
        Kpis.KpisApi.MapKpis(app);
        app.MapCallbacks();
        app.MapComplaints();
        app.MapOutbox();
        app.MapDispatch();
        Public.PublicApi.MapPublic(app);
    }
}
