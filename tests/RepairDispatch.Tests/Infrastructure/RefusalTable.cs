namespace RepairDispatch.Tests.Infrastructure;

/// <summary>
/// A refused request: who sends it, what, and the 4xx it must get. `{name}` stands for an id of <see cref="RefusalStation.Ids"/>.
/// A body that is not JSON (a multipart upload) is made by <c>Content</c> instead of <c>Body</c>.
/// </summary>
public sealed record Refused(string Why, string As, string Method, string Path, string? Body, int Status, string? IfMatch = null,
    Func<HttpContent>? Content = null);

/// <summary>
/// Requests every write route must refuse while writing nothing: validation, state (invalid transitions), conflicts,
/// preconditions, wrong role, unknown ids. A new write route needs a row here (<see cref="RefusalTableTests"/> checks).
/// </summary>
public static class RefusalTable
{
    public static readonly Refused[] Rows =
    [
        // why                                                 as           method   path                                                        body                                                                                             status
        new("login without a password",                        "anonymous", "POST",  "/api/v1/auth/token",                                     """{"username":"nobody"}""",                                                                      400),
        new("login of an unknown user",                        "anonymous", "POST",  "/api/v1/auth/token",                                     """{"username":"nobody","password":"some-password"}""",                                           401),
        new("refresh with an unknown token",                   "anonymous", "POST",  "/api/v1/auth/refresh",                                   """{"refreshToken":"not-a-token"}""",                                                            401),
        new("revoke without a token",                          "anonymous", "POST",  "/api/v1/auth/revoke",                                    """{}""",                                                                                         400),
        new("dashboard session for the front desk",            "frontdesk", "POST",  "/api/v1/auth/dashboard-session",                         null,                                                                                             403),
        new("dashboard logout by a technician",                "techA",     "DELETE","/api/v1/auth/dashboard-session",                         null,                                                                                             403),

        new("user created by a manager",                       "manager",   "POST",  "/api/v1/users",                                          """{"username":"x-user","password":"long-password","role":"frontdesk","storeId":"{store}"}""",  403),
        new("user with a taken username",                      "admin",     "POST",  "/api/v1/users",                                          """{"username":"manager1","password":"long-password","role":"manager","storeId":"{store}"}""",  409),
        new("technician user without a technician",            "admin",     "POST",  "/api/v1/users",                                          """{"username":"t-user","password":"long-password","role":"technician","storeId":"{store}"}""", 400),

        new("store created by a manager",                      "manager",   "POST",  "/api/v1/stores",                                         """{"code":"S2","name":"B","city":"C","address":"D"}""",                                          403),
        new("store in an unknown time zone",                   "admin",     "POST",  "/api/v1/stores",                                         """{"code":"S2","name":"B","city":"C","address":"D","timeZone":"Mars/Olympus"}""",                400),
        new("store with a taken code",                         "admin",     "POST",  "/api/v1/stores",                                         """{"code":"{storeCode}","name":"B","city":"C","address":"D"}""",                                 409),
        new("calendar year replaced by a manager",             "manager",   "PUT",   "/api/v1/calendar/2026",                                  """{"holidays":[],"workdays":[]}""",                                                             403),
        new("calendar holiday outside its year",               "admin",     "PUT",   "/api/v1/calendar/2026",                                  """{"holidays":["2027-01-01"],"workdays":[]}""",                                                 400),
        new("calendar day both holiday and workday",           "admin",     "PUT",   "/api/v1/calendar/2026",                                  """{"holidays":["2026-10-01"],"workdays":["2026-10-01"]}""",                                     400),
        new("calendar year with a stale If-Match",             "admin",     "PUT",   "/api/v1/calendar/2026",                                  """{"holidays":[],"workdays":[]}""",                                                             412, IfMatch: "\"999\""),

        new("customer with a bad phone",                       "frontdesk", "POST",  "/api/v1/customers",                                      """{"name":"A","phones":["abc"]}""",                                                             400),
        new("customer created by a technician",                "techA",     "POST",  "/api/v1/customers",                                      """{"name":"A","phones":["13900000000"]}""",                                                     403),
        new("appliance of an unknown customer",                "frontdesk", "POST",  "/api/v1/customers/{missing}/appliances",                 """{"category":"Tv","manufacturerId":"{maker}","model":"X"}""",                                  404),
        new("appliance bought in the future",                  "frontdesk", "POST",  "/api/v1/customers/{customer}/appliances",                """{"category":"Tv","manufacturerId":"{maker}","model":"X","purchaseDate":"2999-01-01"}""",      400),

        new("manufacturer with a taken name",                  "admin",     "POST",  "/api/v1/manufacturers",                                  """{"name":"Haier"}""",                                                                          409),
        new("manufacturer created by the front desk",          "frontdesk", "POST",  "/api/v1/manufacturers",                                  """{"name":"Midea"}""",                                                                          403),

        new("contract version overlapping another (named)",    "manager",   "POST",  "/api/v1/manufacturers/{contracted}/contracts",           """{"supersedes":"{contract}","validFrom":"{in60}","categories":["WashingMachine","Refrigerator"],"fees":{"partsReimbursement":"AtCost"}}""", 409),
        new("contract superseding an unknown contract",        "manager",   "POST",  "/api/v1/manufacturers/{contracted}/contracts",           """{"supersedes":"{missing}","validFrom":"{in60}","categories":["Tv"],"fees":{"partsReimbursement":"AtCost"}}""", 400),
        new("contract of an unknown manufacturer",             "manager",   "POST",  "/api/v1/manufacturers/{missing}/contracts",              """{"validFrom":"{in60}","categories":["Tv"],"fees":{"partsReimbursement":"AtCost"}}""",          404),
        new("contract made by the front desk",                 "frontdesk", "POST",  "/api/v1/manufacturers/{contracted}/contracts",           """{"validFrom":"{in60}","categories":["Tv"],"fees":{"partsReimbursement":"AtCost"}}""",          403),

        new("technician of an unknown store",                  "manager",   "POST",  "/api/v1/technicians",                                    """{"storeId":"{missing}","code":"Z","name":"Z","phone":"1","skills":["Tv"]}""",                400),
        new("technician with a taken code",                    "manager",   "POST",  "/api/v1/technicians",                                    """{"storeId":"{store}","code":"T-A","name":"Z","phone":"1","skills":["Tv"]}""",                 409),
        new("update of an unknown technician",                 "manager",   "PUT",   "/api/v1/technicians/{missing}",                          """{"name":"Z","phone":"1","skills":["Tv"]}""",                                                  404),
        new("technician certified by an unknown manufacturer", "manager",   "PUT",   "/api/v1/technicians/{techA}",                            """{"name":"Z","phone":"1","skills":["Tv"],"certifications":["{missing}"]}""",                  400),
        new("technician updated by the front desk",            "frontdesk", "PUT",   "/api/v1/technicians/{techA}",                            """{"name":"Z","phone":"1","skills":["Tv"]}""",                                                  403),

        new("installer partner with a taken name",             "manager",   "POST",  "/api/v1/installer-partners",                             """{"name":"浦东安装网点","categories":["Tv"],"managementFeeRate":0.25}""",                        409),
        new("partner rate starting in the past",               "manager",   "POST",  "/api/v1/installer-partners/{partner}/rates",             """{"managementFeeRate":0.22,"validFrom":"2020-01-01"}""",                                       400),
        new("rate of an unknown partner",                      "manager",   "POST",  "/api/v1/installer-partners/{missing}/rates",             """{"managementFeeRate":0.22,"validFrom":"{in60}"}""",                                           404),
        new("partner rate set by the front desk",              "frontdesk", "POST",  "/api/v1/installer-partners/{partner}/rates",             """{"managementFeeRate":0.22,"validFrom":"{in60}"}""",                                           403),

        new("part with a taken number",                        "manager",   "POST",  "/api/v1/parts",                                          """{"partNumber":"{partNumber}","name":"P","mainPart":false,"cost":1,"retailPrice":2}""",       409),
        new("part priced in thousandths",                      "manager",   "POST",  "/api/v1/parts",                                          """{"partNumber":"NEW-1","name":"P","mainPart":false,"cost":1.001,"retailPrice":2}""",          400),
        new("stock of an unknown part",                        "manager",   "PUT",   "/api/v1/parts/{missing}/stock/{store}",                  """{"quantity":1}""",                                                                            404),
        new("negative stock",                                  "manager",   "PUT",   "/api/v1/parts/{part}/stock/{store}",                     """{"quantity":-1}""",                                                                           400),

        new("order of an appliance not the customer's",        "frontdesk", "POST",  "/api/v1/work-orders",                                    """{"type":"Repair","source":"Phone","customerId":"{customer}","applianceId":"{missing}","faultDescription":"x"}""", 400),
        new("duplicate intake",                                "frontdesk", "POST",  "/api/v1/work-orders",                                    """{"type":"Repair","source":"Phone","customerId":"{customer}","applianceId":"{appliance}","faultDescription":"x"}""", 409),
        new("order created by a technician",                   "techA",     "POST",  "/api/v1/work-orders",                                    """{"type":"Repair","source":"Phone","customerId":"{customer}","applianceId":"{appliance}","faultDescription":"x"}""", 403),
        new("patch without If-Match",                          "frontdesk", "PATCH", "/api/v1/work-orders/{orderNew}",                         """{"priority":"Urgent"}""",                                                                     428),
        new("patch with a stale If-Match",                     "frontdesk", "PATCH", "/api/v1/work-orders/{orderNew}",                         """{"priority":"Urgent"}""",                                                                     412, IfMatch: "\"999\""),
        new("patch of the status",                             "frontdesk", "PATCH", "/api/v1/work-orders/{orderNew}",                         """{"status":"Closed"}""",                                                                       400, IfMatch: "\"1\""),
        new("patch of a completed order",                      "frontdesk", "PATCH", "/api/v1/work-orders/{orderCompleted}",                   """{"faultDescription":"late edit"}""",                                                          409, IfMatch: "{orderCompletedETag}"),
        new("warranty override by the front desk",             "frontdesk", "PATCH", "/api/v1/work-orders/{orderNew}",                         """{"warrantyOverride":{"payer":"Customer","reason":"x"}}""",                                    403, IfMatch: "\"1\""),
        new("assign to an unknown technician",                 "manager",   "POST",  "/api/v1/work-orders/{orderNew}/assign",                  """{"technicianId":"{missing}"}""",                                                              400),
        new("assign to a technician and a partner",            "manager",   "POST",  "/api/v1/work-orders/{orderNew}/assign",                  """{"technicianId":"{techA}","installerPartnerId":"{partner}"}""",                               400),
        new("assign to a technician without the skill",        "manager",   "POST",  "/api/v1/work-orders/{orderNew}/assign",                  """{"technicianId":"{techTv}"}""",                                                               422),
        new("assign by the front desk",                        "frontdesk", "POST",  "/api/v1/work-orders/{orderNew}/assign",                  """{"technicianId":"{techA}"}""",                                                                403),
        new("assign a completed order",                        "manager",   "POST",  "/api/v1/work-orders/{orderCompleted}/assign",            """{"technicianId":"{techA}"}""",                                                                409),
        new("assign to the technician who has it",             "manager",   "POST",  "/api/v1/work-orders/{orderAssigned}/assign",             """{"technicianId":"{techA}"}""",                                                                409),
        new("unassign a new order",                            "manager",   "POST",  "/api/v1/work-orders/{orderNew}/unassign",                """{"reason":"x"}""",                                                                            409),
        new("unassign without a reason",                       "manager",   "POST",  "/api/v1/work-orders/{orderAssigned}/unassign",           """{}""",                                                                                         400),
        new("cancel a completed order",                        "frontdesk", "POST",  "/api/v1/work-orders/{orderCompleted}/cancel",            """{"reason":"x"}""",                                                                            409),
        new("close a new order",                               "frontdesk", "POST",  "/api/v1/work-orders/{orderNew}/close",                   null,                                                                                             409),
        new("close an unknown order",                          "frontdesk", "POST",  "/api/v1/work-orders/{missing}/close",                    null,                                                                                             404),
        new("payment before completion",                       "frontdesk", "POST",  "/api/v1/work-orders/{orderNew}/payments",                """{"amount":10,"method":"Cash"}""",                                                             409),
        new("payment above the outstanding charge",            "frontdesk", "POST",  "/api/v1/work-orders/{orderCompleted}/payments",          """{"amount":99999,"method":"Cash"}""",                                                          400),
        new("partner step on a technician's order",            "frontdesk", "POST",  "/api/v1/work-orders/{orderAssigned}/partner/accept",     null,                                                                                             409),
        new("partner departs before accepting",                "frontdesk", "POST",  "/api/v1/work-orders/{orderPartner}/partner/depart",      null,                                                                                             409),
        new("partner arrives before departing",                "frontdesk", "POST",  "/api/v1/work-orders/{orderPartner}/partner/arrive",      null,                                                                                             409),
        new("partner completes before arriving",               "frontdesk", "POST",  "/api/v1/work-orders/{orderPartner}/partner/complete",    """{"mainPart":false,"labourMinutes":30}""",                                                     409),
        new("rework of a new order",                           "frontdesk", "POST",  "/api/v1/work-orders/{orderNew}/rework",                  """{}""",                                                                                         409),
        new("rework of an unknown order",                      "frontdesk", "POST",  "/api/v1/work-orders/{missing}/rework",                   """{}""",                                                                                         404),

        new("location ping from the future",                   "techA",     "POST",  "/api/v1/mobile/locations",                               """{"points":[{"lat":31.2,"lon":121.5,"at":"2999-01-01T00:00:00Z"}]}""",                          400),
        new("location ping from a manager",                    "manager",   "POST",  "/api/v1/mobile/locations",                               """{"points":[{"lat":31.2,"lon":121.5,"at":"2999-01-01T00:00:00Z"}]}""",                          403),
        new("accept another technician's job",                 "techB",     "POST",  "/api/v1/mobile/jobs/{orderAssigned}/accept",             null,                                                                                             404),
        new("accept a job on site",                            "techA",     "POST",  "/api/v1/mobile/jobs/{orderOnSite}/accept",               null,                                                                                             409),
        new("decline without a reason",                        "techA",     "POST",  "/api/v1/mobile/jobs/{orderAssigned}/decline",            """{}""",                                                                                         400),
        new("depart before accepting",                         "techA",     "POST",  "/api/v1/mobile/jobs/{orderAssigned}/depart",             null,                                                                                             409),
        new("arrive before departing",                         "techA",     "POST",  "/api/v1/mobile/jobs/{orderAccepted}/arrive",             """{"lat":31.2,"lon":121.5}""",                                                                  409),
        new("wait for an unknown part",                        "techA",     "POST",  "/api/v1/mobile/jobs/{orderOnSite}/await-parts",          """{"parts":[{"partId":"{missing}","qty":1}]}""",                                                400),
        new("complete with more parts than in stock",          "techA",     "POST",  "/api/v1/mobile/jobs/{orderOnSite}/complete",             """{"repairLevel":"Minor","mainPart":false,"labourMinutes":30,"parts":[{"partId":"{part}","qty":5}]}""", 409),
        new("complete a repair without its level",             "techA",     "POST",  "/api/v1/mobile/jobs/{orderOnSite}/complete",             """{"mainPart":false,"labourMinutes":30}""",                                                     400),
        new("complete at a time in the future",                "techA",     "POST",  "/api/v1/mobile/jobs/{orderOnSite}/complete",             """{"repairLevel":"Minor","mainPart":false,"labourMinutes":30,"occurredAt":"2999-01-01T00:00:00Z"}""", 400),
        new("photo for another technician's job",             "techB",     "POST",  "/api/v1/mobile/jobs/{orderAssigned}/photos",             null,                                                                                             404),
        new("photo sent as JSON",                              "techA",     "POST",  "/api/v1/mobile/jobs/{orderAssigned}/photos",             """{"kind":"Nameplate"}""",                                                                      400),
        new("photo of a zip renamed .jpg",                     "techA",     "POST",  "/api/v1/mobile/jobs/{orderAssigned}/photos",             null,                                                                                             400,
            Content: () => Photos.PhotoTests.Form(Photos.TestImages.Zip(), "Invoice", "invoice.jpg")),
        new("photo of a wrong kind",                           "frontdesk", "POST",  "/api/v1/work-orders/{orderNew}/photos",                  null,                                                                                             400,
            Content: () => Photos.PhotoTests.Form(Photos.TestImages.Jpeg(2), "Selfie")),
        new("photo of an unknown order at the desk",           "frontdesk", "POST",  "/api/v1/work-orders/{missing}/photos",                   null,                                                                                             404),
        new("desk photo sent by a technician",                 "techA",     "POST",  "/api/v1/work-orders/{orderAssigned}/photos",             null,                                                                                             403),

        new("check-in of a tag of another store",              "deskOfStoreB","POST", "/api/v1/old-parts/{oldPartTag}/check-in",              null,                                                                                             404),
        new("check-in of a mistyped tag",                      "frontdesk", "POST",  "/api/v1/old-parts/JJ-0000001/check-in",                  null,                                                                                             400),
        new("check-in by a technician",                        "techA",     "POST",  "/api/v1/old-parts/{oldPartTag}/check-in",                null,                                                                                             403),
        new("check-in of a part already shipped",              "frontdesk", "POST",  "/api/v1/old-parts/{oldPartShippedTag}/check-in",         null,                                                                                             409),
        new("check-in with a stale If-Match",                  "frontdesk", "POST",  "/api/v1/old-parts/{oldPartTag}/check-in",                null,                                                                                             412, IfMatch: "\"99\""),
        new("return batch mixing manufacturers (named)",       "frontdesk", "POST",  "/api/v1/old-parts/returns",                              """{"manufacturerId":"{wantingMaker}","tags":["{oldPartInStoreTag}","{otherMakerInStoreTag}"],"carrier":"顺丰","waybill":"SF-9"}""", 400),
        new("return batch with a part not in store",           "frontdesk", "POST",  "/api/v1/old-parts/returns",                              """{"manufacturerId":"{wantingMaker}","tags":["{oldPartInStoreTag}","{oldPartTag}"],"carrier":"顺丰","waybill":"SF-9"}""", 409),
        new("return batch with a waybill already used",        "frontdesk", "POST",  "/api/v1/old-parts/returns",                              """{"manufacturerId":"{wantingMaker}","tags":["{oldPartInStoreTag}"],"carrier":"顺丰","waybill":"SF-STATION-1"}""", 409),
        new("return batch without a carrier",                  "frontdesk", "POST",  "/api/v1/old-parts/returns",                              """{"manufacturerId":"{wantingMaker}","tags":["{oldPartInStoreTag}"],"waybill":"SF-9"}""",       400),
        new("return batch made by a technician",               "techA",     "POST",  "/api/v1/old-parts/returns",                              """{"manufacturerId":"{wantingMaker}","tags":["{oldPartInStoreTag}"],"carrier":"顺丰","waybill":"SF-9"}""", 403),
        new("receipt of an unknown batch",                     "frontdesk", "POST",  "/api/v1/old-parts/returns/{missing}/received",           """{"receivedOn":"{today}"}""",                                                                   404),
        new("receipt of a tag not in the batch",               "frontdesk", "POST",  "/api/v1/old-parts/returns/{return}/received",            """{"receivedOn":"{today}","tags":["{oldPartInStoreTag}"]}""",                                   400),
        new("receipt on a day to come",                        "frontdesk", "POST",  "/api/v1/old-parts/returns/{return}/received",            """{"receivedOn":"{tomorrow}"}""",                                                               400),
        new("receipt with a stale If-Match",                   "frontdesk", "POST",  "/api/v1/old-parts/returns/{return}/received",            """{"receivedOn":"{today}"}""",                                                                   412, IfMatch: "\"99\""),
        new("write-off of a part the manufacturer received",   "manager",   "POST",  "/api/v1/old-parts/{oldPartReceived}/write-off",          """{"status":"Lost","reason":"找不到"}""",                                                          409),
        new("write-off without a reason",                      "manager",   "POST",  "/api/v1/old-parts/{oldPart}/write-off",                  """{"status":"Lost"}""",                                                                         400),
        new("write-off with a blank reason",                   "manager",   "POST",  "/api/v1/old-parts/{oldPart}/write-off",                  """{"status":"Scrapped","reason":"  "}""",                                                       400),
        new("write-off as received",                           "manager",   "POST",  "/api/v1/old-parts/{oldPart}/write-off",                  """{"status":"Received","reason":"x"}""",                                                        400),
        new("write-off by the front desk",                     "frontdesk", "POST",  "/api/v1/old-parts/{oldPart}/write-off",                  """{"status":"Lost","reason":"x"}""",                                                            403),

        new("dispute listing a line of another run (named)",   "finance",   "POST",  "/api/v1/settlements/runs/{run}/dispute",                 """{"lines":["{line}","{otherRunLine}"],"reason":"级别不符"}""",                                   400),
        new("dispute a draft run",                             "finance",   "POST",  "/api/v1/settlements/runs/{draftRun}/dispute",            """{"lines":["{otherRunLine}"],"reason":"x"}""",                                                 409),
        new("submit a submitted run",                          "finance",   "POST",  "/api/v1/settlements/runs/{run}/submit",                  null,                                                                                             409),
        new("approve a draft run",                             "finance",   "POST",  "/api/v1/settlements/runs/{draftRun}/approve",            null,                                                                                             409),
        new("pay a run not approved",                          "finance",   "POST",  "/api/v1/settlements/runs/{run}/pay",                     """{"paidOn":"{today}","reference":"B-1"}""",                                                     409),
        new("adjust a submitted run",                          "finance",   "POST",  "/api/v1/settlements/runs/{run}/adjustments",             """{"amount":-1,"description":"x"}""",                                                           409),
        new("adjust a line of another run",                    "finance",   "POST",  "/api/v1/settlements/runs/{draftRun}/adjustments",        """{"lineId":"{line}","amount":-1,"description":"x"}""",                                         400),
        new("run for both a manufacturer and a partner",       "finance",   "POST",  "/api/v1/settlements/runs",                               """{"manufacturerId":"{maker}","installerPartnerId":"{partner}","period":"{period}"}""",         400),
        new("run of a month not begun",                        "finance",   "POST",  "/api/v1/settlements/runs",                               """{"manufacturerId":"{maker}","period":"2999-01"}""",                                            400),
        new("run made by the front desk",                      "frontdesk", "POST",  "/api/v1/settlements/runs",                               """{"manufacturerId":"{maker}","period":"{period}"}""",                                           403),
        new("submit an unknown run",                           "finance",   "POST",  "/api/v1/settlements/runs/{missing}/submit",              null,                                                                                             404),

        new("release a claim taken by a run",                  "manager",   "POST",  "/api/v1/claims/{claimClaimed}/release",                 """{"reason":"厂家同意"}""",                                                                      409),
        new("release a claim without a reason",                "manager",   "POST",  "/api/v1/claims/{claimClaimed}/release",                 """{"reason":" "}""",                                                                             400),
        new("release a claim by finance",                      "finance",   "POST",  "/api/v1/claims/{claimClaimed}/release",                 """{"reason":"厂家同意"}""",                                                                      403),
        new("release an unknown claim",                        "manager",   "POST",  "/api/v1/claims/{missing}/release",                      """{"reason":"厂家同意"}""",                                                                      404),
        new("photo for an order whose claim is in a run",      "frontdesk", "POST",  "/api/v1/work-orders/{claimClaimed}/photos",             null,                                                                                             409,
            Content: () => Photos.PhotoTests.Form(Photos.TestImages.Jpeg(3), "Invoice")),
        new("contract with an order type's evidence twice",    "manager",   "POST",  "/api/v1/manufacturers/{contracted}/contracts",          """{"validFrom":"{in60}","categories":["Tv"],"fees":{"partsReimbursement":"AtCost"},"claimRules":{"evidence":[{"type":"Repair","kinds":["Invoice"]},{"type":"Repair","kinds":["Nameplate"]}]}}""", 400),

        new("result of a callback already done",               "frontdesk", "POST",  "/api/v1/callbacks/{callbackDone}/result",                """{"outcome":"NoAnswer"}""",                                                                    409),
        new("reached without a satisfaction score",            "frontdesk", "POST",  "/api/v1/callbacks/{callback}/result",                    """{"outcome":"Reached"}""",                                                                     400),
        new("callback result from a technician",               "techA",     "POST",  "/api/v1/callbacks/{callback}/result",                    """{"outcome":"NoAnswer"}""",                                                                    403),
        new("result of an unknown callback",                   "frontdesk", "POST",  "/api/v1/callbacks/{missing}/result",                     """{"outcome":"NoAnswer"}""",                                                                    404),

        new("complaint of an unknown customer",                "frontdesk", "POST",  "/api/v1/complaints",                                     """{"source":"Phone","customerId":"{missing}","description":"x"}""",                             400),
        new("complaint owned by no member of staff",           "manager",   "POST",  "/api/v1/complaints/{complaint}/assign",                  """{"ownerUserId":"{missing}"}""",                                                               400),
        new("complaint assigned by the front desk",            "frontdesk", "POST",  "/api/v1/complaints/{complaint}/assign",                  """{"ownerUserId":"{managerUser}"}""",                                                           403),
        new("resolve a resolved complaint",                    "frontdesk", "POST",  "/api/v1/complaints/{complaintResolved}/resolve",         """{"resolution":"again"}""",                                                                    409),
        new("close an open complaint",                         "frontdesk", "POST",  "/api/v1/complaints/{complaint}/close",                   null,                                                                                             409),
        new("close an unknown complaint",                      "frontdesk", "POST",  "/api/v1/complaints/{missing}/close",                     null,                                                                                             404),

        new("day plan of an unknown store",                    "manager",   "POST",  "/api/v1/dispatch/plans",                                 """{"storeId":"{missing}","date":"{tomorrow}"}""",                                               400),
        new("day plan asked by the front desk",                "frontdesk", "POST",  "/api/v1/dispatch/plans",                                 """{"storeId":"{store}","date":"{tomorrow}"}""",                                                 403),
        new("apply a plan still queued",                       "manager",   "POST",  "/api/v1/dispatch/plans/{planQueued}/apply",              null,                                                                                             409),
        new("apply an unknown plan",                           "manager",   "POST",  "/api/v1/dispatch/plans/{missing}/apply",                 null,                                                                                             404),
        new("urgent insertion of a completed order",           "manager",   "POST",  "/api/v1/dispatch/urgent-insertions",                     """{"workOrderId":"{orderCompleted}"}""",                                                        409),
        new("urgent insertion without an applied plan",        "manager",   "POST",  "/api/v1/dispatch/urgent-insertions",                     """{"workOrderId":"{orderNew}"}""",                                                              409),
        new("urgent insertion of an unknown order",            "manager",   "POST",  "/api/v1/dispatch/urgent-insertions",                     """{"workOrderId":"{missing}"}""",                                                               400),
        new("dispatch settings out of range",                  "manager",   "PUT",   "/api/v1/dispatch/settings/{store}",                      """{"roadFactor":9,"citySpeedKmh":30,"autoDispatch":false}""",                                   400),
        new("dispatch settings of an unknown store",           "manager",   "PUT",   "/api/v1/dispatch/settings/{missing}",                    """{"roadFactor":1.3,"citySpeedKmh":30,"autoDispatch":false}""",                                 404),
        new("dispatch settings by the front desk",             "frontdesk", "PUT",   "/api/v1/dispatch/settings/{store}",                      """{"roadFactor":1.3,"citySpeedKmh":30,"autoDispatch":false}""",                                 403),

        new("retry of a message not dead",                     "admin",     "POST",  "/api/v1/admin/outbox/{message}/retry",                   null,                                                                                             404),
        new("retry of a message by a manager",                 "manager",   "POST",  "/api/v1/admin/outbox/{message}/retry",                   null,                                                                                             403),
    ];

    /// <summary>Write routes with no row, each with the reason (none today).</summary>
    public static readonly Dictionary<string, string> Exempt = new();
}
