import QRCode
import SiteContent
import VietQR

/// The VietQR code of a product with a price, on a site with `payment:` in site.yml: any
/// Vietnamese banking app scans it and pre-fills the account, the amount (the price of one
/// unit) and a note naming the product, so a visitor at a stall can pay without cash.
struct PaymentBlock: Encodable {
    /// Inline SVG: no request, no script, sharp when printed.
    var qrSVG: String
    var bank: String
    var accountName: String
    var accountNumber: String
    var amount: String
    var note: String

    /// nil when the site takes no payments or the product has no price.
    static func make(config: SiteConfig, product: ProductFacts, slug: String, title: String,
                     ui: UIStrings, entryPath: String) throws -> PaymentBlock? {
        guard let payment = config.payment, let price = product.price, price > 0 else { return nil }
        // The note names the product by its slug (ASCII, short), so the co-operative can tell
        // transfers apart; VietQR allows 25 characters.
        let request = VietQRPayment(bankBIN: payment.bankBin, account: payment.account, amount: price,
                                    purpose: slug.uppercased(),
                                    // Printed once and scanned by many buyers: a static code.
                                    pointOfInitiation: .static)
        let payload: String
        do { payload = try request.payload() } catch {
            throw RenderError.invalidPayment(entry: entryPath, reason: "\(error)")
        }
        let code = try QRCode(text: payload, errorCorrection: .medium)
        return PaymentBlock(
            qrSVG: code.svg(title: "VietQR – \(title)"),
            bank: BankDirectory.name(bin: payment.bankBin) ?? "BIN \(payment.bankBin)",
            accountName: payment.accountName, accountNumber: payment.account,
            amount: ui.formatPrice(price) + (product.unit.map { $0.isEmpty ? "" : " / \($0)" } ?? ""),
            note: try request.purposeValue() ?? "")
    }
}
