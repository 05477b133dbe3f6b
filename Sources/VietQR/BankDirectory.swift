/// Short names of Vietnamese banks by their NAPAS BIN, so a payment block can say which bank
/// receives the money. Source: State Bank of Vietnam letter 1589/NHNN-TT (05/03/2024), the BINs
/// issued up to 31/12/2023 (../shared/reference/vietqr.md §7).
public enum BankDirectory {
    public static let shortNames: [String: String] = [
        "970400": "SaigonBank", "970403": "Sacombank", "970405": "Agribank", "970406": "DongA Bank",
        "970407": "Techcombank", "970408": "GPBank", "970409": "Bac A Bank", "970412": "PVcomBank",
        "970415": "VietinBank", "970416": "ACB", "970418": "BIDV", "970419": "NCB", "970422": "MB",
        "970423": "TPBank", "970426": "MSB", "970428": "Nam A Bank", "970429": "SCB", "970431": "Eximbank",
        "970432": "VPBank", "970433": "VietBank", "970434": "Indovina", "970436": "Vietcombank",
        "970437": "HDBank", "970438": "BaoViet Bank", "970440": "SeABank", "970441": "VIB", "970443": "SHB",
        "970446": "Co-opBank", "970448": "OCB", "970449": "LPBank", "970452": "KienlongBank",
        "970454": "Viet Capital Bank",
    ]

    /// The bank's short name, or nil for a BIN not in the list (newer than the list, or mistyped).
    public static func name(bin: String) -> String? { shortNames[bin] }
}
