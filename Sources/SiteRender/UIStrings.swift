import SiteContent

/// The words of the site's interface, one table per language. Templates read them as `{{ui.name}}`.
/// A language without its own table uses English (the lingua franca of visitors).
struct UIStrings: Sendable {
    /// The language this table is for (its own, not the page's: a language without a table uses English's).
    var code: Language
    var skipToContent: String
    var mainNavigation: String
    var otherLanguages: String
    var home: String
    var places: String
    var products: String
    var seeAll: String
    var nothingYet: String
    var model3D: String
    var viewInAR: String
    var viewInAROnAndroid: String
    var viewInAROnIPhone: String
    var openViewer: String
    var viewerHint: String
    var back: String
    var details: String
    var address: String
    var openingHours: String
    var viewOnMap: String
    var map: String
    var search: String
    var searchLabel: String
    var searchPlaceholder: String
    var searchFound: String
    var openInMapsApp: String
    var producer: String
    var ocop: String
    var price: String
    var traceability: String
    var origin: String
    var batch: String
    var harvested: String
    var certifications: String
    var buyOnline: String
    var payByQR: String
    var qrSign: String
    var printSign: String
    var printHint: String
    var scanToSeeIn3D: String
    var scanToRead: String
    var openOnPhone: String
    var payByQRHint: String
    var bank: String
    var accountName: String
    var accountNumber: String
    var amount: String
    var transferNote: String
    var photos: String
    var tags: String
    var contact: String
    var phone: String
    var email: String
    var notFoundTitle: String
    var notFoundText: String
    var goHome: String

    /// "4 sao" / "4 stars"
    var ocopStars: @Sendable (Int) -> String
    /// "Đầm Cầu Hai – ảnh 2"
    var photoAlt: @Sendable (String, Int) -> String
    /// "Thẻ: sinh thái"
    var taggedWith: @Sendable (String) -> String
    var formatPrice: @Sendable (Int) -> String
    /// An ISO date (YYYY-MM-DD) for reading; other text is returned unchanged.
    var formatDate: @Sendable (String) -> String

    static func forLanguage(_ language: Language) -> UIStrings {
        language == "vi" ? .vi : .en
    }

    /// Every page of a language shows the same table: templates get it boxed once (`TemplateValues`).
    /// Never mutated; its values are strings and `@Sendable` closures, hence safe to share.
    nonisolated(unsafe) static let templateValues: [Language: Any] = [
        "vi": UIStrings.vi.stringFields,
        "en": UIStrings.en.stringFields,
    ]

    /// The table's words by field name, for templates: the closures (number and date formats)
    /// are for Swift only. Reflected once per language at start, never per page.
    var stringFields: [String: Any] {
        var fields: [String: Any] = [:]
        for child in Mirror(reflecting: self).children {
            if let label = child.label, let text = child.value as? String { fields[label] = text }
        }
        return fields
    }

    static let vi = UIStrings(
        code: "vi",
        skipToContent: "Bỏ qua, đến nội dung chính",
        mainNavigation: "Điều hướng chính",
        otherLanguages: "Ngôn ngữ khác",
        home: "Trang chủ",
        places: "Điểm đến",
        products: "Sản phẩm",
        seeAll: "Xem tất cả",
        nothingYet: "Chưa có nội dung.",
        model3D: "Mô hình 3D",
        viewInAR: "Xem trong không gian thật (AR)",
        viewInAROnAndroid: "Xem AR trên Android",
        viewInAROnIPhone: "Xem AR trên iPhone, iPad",
        openViewer: "Mở trình xem 3D toàn màn hình",
        viewerHint: "Kéo để xoay, chụm hai ngón để phóng to. Nhấn “Xem trong không gian thật” để đặt mô hình đúng kích thước quanh bạn.",
        back: "Quay lại",
        details: "Thông tin",
        address: "Địa chỉ",
        openingHours: "Giờ mở cửa",
        viewOnMap: "Xem trên bản đồ",
        map: "Bản đồ",
        search: "Tìm kiếm",
        searchLabel: "Tìm điểm đến, sản phẩm (gõ không dấu cũng được)",
        searchPlaceholder: "ví dụ: dua luoi, dam cau hai",
        searchFound: "{n} kết quả",
        openInMapsApp: "Mở bằng ứng dụng bản đồ",
        producer: "Nhà sản xuất",
        ocop: "Chứng nhận OCOP",
        price: "Giá",
        traceability: "Truy xuất nguồn gốc",
        origin: "Nơi sản xuất",
        batch: "Lô hàng",
        harvested: "Ngày thu hoạch",
        certifications: "Chứng nhận",
        buyOnline: "Mua trực tuyến",
        payByQR: "Thanh toán bằng VietQR",
        qrSign: "Biển mã QR",
        printSign: "In biển mã QR",
        printHint: "Dùng lệnh In của trình duyệt (Ctrl+P) để in biển này trên khổ A5 hoặc A4.",
        scanToSeeIn3D: "Quét mã để xem mô hình 3D và đặt vào không gian thật (AR)",
        scanToRead: "Quét mã để đọc thêm",
        openOnPhone: "Quét mã để mở trên điện thoại và xem trong không gian thật (AR)",
        payByQRHint: "Mở ứng dụng ngân hàng, chọn quét mã QR: số tiền và nội dung đã điền sẵn.",
        bank: "Ngân hàng",
        accountName: "Chủ tài khoản",
        accountNumber: "Số tài khoản",
        amount: "Số tiền",
        transferNote: "Nội dung",
        photos: "Hình ảnh",
        tags: "Chủ đề",
        contact: "Liên hệ",
        phone: "Điện thoại",
        email: "Thư điện tử",
        notFoundTitle: "Không tìm thấy trang",
        notFoundText: "Trang bạn tìm không có hoặc đã được chuyển đi.",
        goHome: "Về trang chủ",
        ocopStars: { "\($0) sao" },
        photoAlt: { "\($0) – ảnh \($1)" },
        taggedWith: { "Thẻ: \($0)" },
        formatPrice: { "\(groupDigits($0, separator: ".")) ₫" },
        formatDate: { iso in
            guard let (y, m, d) = splitISODate(iso) else { return iso }
            return "\(d)/\(m)/\(y)"
        }
    )

    static let en = UIStrings(
        code: "en",
        skipToContent: "Skip to main content",
        mainNavigation: "Main navigation",
        otherLanguages: "Other languages",
        home: "Home",
        places: "Places",
        products: "Products",
        seeAll: "See all",
        nothingYet: "Nothing here yet.",
        model3D: "3D model",
        viewInAR: "View in AR",
        viewInAROnAndroid: "View in AR on Android",
        viewInAROnIPhone: "View in AR on iPhone, iPad",
        openViewer: "Open the 3D viewer",
        viewerHint: "Drag to turn, pinch to zoom. Tap “View in AR” to place the model at true size around you.",
        back: "Back",
        details: "Details",
        address: "Address",
        openingHours: "Opening hours",
        viewOnMap: "View on map",
        map: "Map",
        search: "Search",
        searchLabel: "Find places and products (accents are optional)",
        searchPlaceholder: "e.g. melon, lagoon",
        searchFound: "{n} results",
        openInMapsApp: "Open in a maps app",
        producer: "Producer",
        ocop: "OCOP rating",
        price: "Price",
        traceability: "Traceability",
        origin: "Origin",
        batch: "Batch",
        harvested: "Harvested",
        certifications: "Certifications",
        buyOnline: "Buy online",
        payByQR: "Pay with VietQR",
        qrSign: "QR sign",
        printSign: "Print a QR sign",
        printHint: "Use your browser's Print command (Ctrl+P) to print this sign on A5 or A4 paper.",
        scanToSeeIn3D: "Scan to see it in 3D and place it around you (AR)",
        scanToRead: "Scan to read more",
        openOnPhone: "Scan to open this on your phone and see it around you (AR)",
        payByQRHint: "Scan with any Vietnamese banking app: the amount and the note are filled in for you.",
        bank: "Bank",
        accountName: "Account name",
        accountNumber: "Account number",
        amount: "Amount",
        transferNote: "Transfer note",
        photos: "Photos",
        tags: "Topics",
        contact: "Contact",
        phone: "Phone",
        email: "Email",
        notFoundTitle: "Page not found",
        notFoundText: "The page you are looking for does not exist or has moved.",
        goHome: "Go to the home page",
        ocopStars: { $0 == 1 ? "1 star" : "\($0) stars" },
        photoAlt: { "\($0) – photo \($1)" },
        taggedWith: { "Tagged: \($0)" },
        formatPrice: { "\(groupDigits($0, separator: ",")) VND" },
        formatDate: { iso in
            guard let (y, m, d) = splitISODate(iso) else { return iso }
            let months = ["January", "February", "March", "April", "May", "June", "July",
                          "August", "September", "October", "November", "December"]
            guard let month = Int(m), (1...12).contains(month), let day = Int(d) else { return iso }
            return "\(day) \(months[month - 1]) \(y)"
        }
    )

    /// A language's own name, shown in the language switch.
    static func languageName(_ code: Language) -> String {
        switch code {
        case "vi": return "Tiếng Việt"
        case "en": return "English"
        case "fr": return "Français"
        case "de": return "Deutsch"
        case "ko": return "한국어"
        case "ja": return "日本語"
        case "zh": return "中文"
        case "th": return "ไทย"
        case "ru": return "Русский"
        default: return code.uppercased()
        }
    }

    /// For `og:locale`.
    static func openGraphLocale(_ code: Language) -> String? {
        ["vi": "vi_VN", "en": "en_US", "fr": "fr_FR", "de": "de_DE", "ko": "ko_KR", "ja": "ja_JP", "zh": "zh_CN"][code]
    }
}

/// 65000 → "65.000" (vi) / "65,000" (en). Done by hand so output never depends on the host's locale data.
func groupDigits(_ value: Int, separator: String) -> String {
    let digits = String(value.magnitude)
    var out = ""
    for (index, character) in digits.enumerated() {
        if index > 0, (digits.count - index) % 3 == 0 { out += separator }
        out.append(character)
    }
    return value < 0 ? "-" + out : out
}

/// "2026-05-12" → ("2026", "05", "12"); nil for anything else.
func splitISODate(_ text: String) -> (String, String, String)? {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
          parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else { return nil }
    return (parts[0], parts[1], parts[2])
}
