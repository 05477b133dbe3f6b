import Foundation

/// A NAPAS247 "VietQR" bank-transfer payment, and the EMVCo-style payload string that goes into
/// its QR code (../shared/reference/vietqr.md).
///
/// The payload is a run of TLV objects: a 2-digit ID, a 2-digit decimal length, then the value.
/// Fields are written in this order, which is the order of every NAPAS example:
///
///     00 payload format "01"
///     01 point of initiation: "11" static (reusable), "12" dynamic (one transaction)
///     38 NAPAS account template: 00 GUID "A000000727"; 01 [00 bank BIN; 01 account/card]; 02 service
///     53 currency "704" (VND)
///     54 amount (only when there is one)
///     58 country "VN"
///     62 additional data: 01 bill number, 08 purpose (only when either is present)
///     63 CRC-16/CCITT-FALSE over everything before it, including "6304"
///
/// Every value written is ASCII, so lengths in characters equal lengths in bytes.
public struct VietQRPayment: Sendable, Equatable {
    /// NAPAS247 service code (ID 38, sub-ID 02).
    public enum Service: String, Sendable, CaseIterable {
        /// Fast transfer to a bank account: `QRIBFTTA`.
        case toAccount = "QRIBFTTA"
        /// Fast transfer to a card number: `QRIBFTTC`.
        case toCard = "QRIBFTTC"
    }

    /// Point of initiation method (ID 01). NAPAS: `11` static, `12` dynamic.
    public enum PointOfInitiation: String, Sendable, CaseIterable {
        /// `11`: the code can be used for many transactions.
        case `static` = "11"
        /// `12`: the code is meant for one transaction.
        case dynamic = "12"
    }

    /// The longest value of a sub-field of ID 62 (bill number, purpose, …): 25 characters.
    public static let additionalDataFieldLimit = 25
    /// The longest amount (ID 54): 13 characters.
    public static let amountLimit = 13
    /// The longest account or card number (ID 38/01/01): 19 characters.
    public static let accountLimit = 19

    /// The receiving bank's 6-digit BIN, e.g. `970405` (Agribank), `970436` (Vietcombank).
    public var bankBIN: String
    /// The account number (`.toAccount`) or card number (`.toCard`): ASCII letters and digits, at most 19.
    public var account: String
    /// The amount in whole đồng (VND has no minor unit), or nil to let the payer type it.
    public var amount: Int?
    /// Free text shown to the payer as the transfer content (ID 62/08). Folded to ASCII without
    /// diacritics (case kept), whitespace collapsed, then shortened to 25 characters;
    /// see `purposeValue`. Nil or blank: no purpose field.
    public var purpose: String?
    /// Bill number (ID 62/01): printable ASCII, at most 25 characters. Nil or blank: omitted.
    public var billNumber: String?
    /// Transfer to an account (default) or to a card.
    public var service: Service
    /// Overrides the point of initiation. Nil (the default) means static (`11`) without an
    /// amount and dynamic (`12`) with one, as in every NAPAS example.
    public var pointOfInitiation: PointOfInitiation?

    public init(bankBIN: String, account: String, amount: Int? = nil, purpose: String? = nil,
                billNumber: String? = nil, service: Service = .toAccount,
                pointOfInitiation: PointOfInitiation? = nil) {
        self.bankBIN = bankBIN
        self.account = account
        self.amount = amount
        self.purpose = purpose
        self.billNumber = billNumber
        self.service = service
        self.pointOfInitiation = pointOfInitiation
    }

    /// The point of initiation written to ID 01: the override, else static without an amount
    /// and dynamic with one.
    public var effectivePointOfInitiation: PointOfInitiation {
        pointOfInitiation ?? (amount == nil ? .static : .dynamic)
    }

    /// The exact text written to ID 62/08, or nil when there is no purpose.
    /// Throws when the purpose has visible characters but none of them survive folding to ASCII.
    public func purposeValue() throws -> String? {
        guard let purpose, !Self.isBlank(purpose) else { return nil }
        let folded = Self.foldToASCII(purpose)
        guard !folded.isEmpty else { throw VietQRError.purposeNotRepresentable(purpose) }
        return Self.shorten(folded, to: Self.additionalDataFieldLimit)
    }

    /// The payload string to encode in the QR code, ending with the 4 upper-case hex digits of
    /// its CRC. Throws a `VietQRError` naming the field that is wrong.
    public func payload() throws -> String {
        guard bankBIN.utf8.count == 6, bankBIN.utf8.allSatisfy(Self.isASCIIDigit) else {
            throw VietQRError.invalidBankBIN(bankBIN)
        }
        guard !account.isEmpty else { throw VietQRError.emptyAccount }
        guard account.utf8.allSatisfy({ Self.isASCIIDigit($0) || Self.isASCIILetter($0) }) else {
            throw VietQRError.invalidAccountCharacters(account)
        }
        guard account.utf8.count <= Self.accountLimit else {
            throw VietQRError.accountTooLong(account, length: account.utf8.count)
        }

        var amountText: String?
        if let amount {
            guard amount > 0 else { throw VietQRError.amountNotPositive(amount) }
            let text = String(amount)
            guard text.utf8.count <= Self.amountLimit else { throw VietQRError.amountTooLong(amount) }
            amountText = text
        }

        var bill: String?
        if let billNumber, !Self.isBlank(billNumber) {
            let trimmed = billNumber.trimmingCharacters(in: .whitespacesAndNewlines)
            guard trimmed.utf8.allSatisfy(Self.isPrintableASCII) else {
                throw VietQRError.invalidBillNumberCharacters(billNumber)
            }
            guard trimmed.utf8.count <= Self.additionalDataFieldLimit else {
                throw VietQRError.billNumberTooLong(billNumber, length: trimmed.utf8.count)
            }
            bill = trimmed
        }
        let purposeText = try purposeValue()

        let beneficiary = try Self.tlv("00", bankBIN) + Self.tlv("01", account)
        let merchantAccount = try Self.tlv("00", "A000000727") + Self.tlv("01", beneficiary)
            + Self.tlv("02", service.rawValue)

        var out = try Self.tlv("00", "01")
        out += try Self.tlv("01", effectivePointOfInitiation.rawValue)
        out += try Self.tlv("38", merchantAccount)
        out += try Self.tlv("53", "704")
        if let amountText { out += try Self.tlv("54", amountText) }
        out += try Self.tlv("58", "VN")
        if bill != nil || purposeText != nil {
            var additional = ""
            if let bill { additional += try Self.tlv("01", bill) }
            if let purposeText { additional += try Self.tlv("08", purposeText) }
            out += try Self.tlv("62", additional)
        }
        out += "6304"
        return out + Self.hex4(Self.crc16CCITTFalse(Array(out.utf8)))
    }

    // MARK: - CRC

    /// CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, xorout 0): the ID 63 checksum.
    /// Check value: "123456789" → 0x29B1.
    public static func crc16CCITTFalse<Bytes: Sequence>(_ bytes: Bytes) -> UInt16 where Bytes.Element == UInt8 {
        var crc: UInt16 = 0xFFFF
        for byte in bytes {
            crc ^= UInt16(byte) << 8
            for _ in 0..<8 {
                crc = crc & 0x8000 != 0 ? (crc << 1) ^ 0x1021 : crc << 1
            }
        }
        return crc
    }

    // MARK: - Text folding

    /// Folds free text to printable ASCII for the payload: `đ→d`, `Đ→D`, other letters lose their
    /// diacritics (NFD, combining marks dropped), case is kept, every other non-ASCII or control
    /// character becomes a space, and runs of spaces collapse to one (trimmed at both ends).
    /// "Dưa lưới Vinh Hưng" → "Dua luoi Vinh Hung". Not shortened.
    public static func foldToASCII(_ text: String) -> String {
        let withoutStroke = text.precomposedStringWithCanonicalMapping
            .replacingOccurrences(of: "đ", with: "d")
            .replacingOccurrences(of: "Đ", with: "D")
        var out = ""
        var pendingSpace = false
        for scalar in withoutStroke.decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            if scalar.value > 0x20 && scalar.value < 0x7F {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.unicodeScalars.append(scalar)
            } else {
                pendingSpace = true
            }
        }
        return out
    }

    /// Cuts `text` (ASCII) to at most `limit` characters, at the last space when there is one
    /// in reach, so words are not split; a single over-long word is cut hard.
    static func shorten(_ text: String, to limit: Int) -> String {
        let bytes = Array(text.utf8)
        guard bytes.count > limit else { return text }
        var cut = limit
        if bytes[limit] != UInt8(ascii: " "),
           let space = bytes[..<limit].lastIndex(of: UInt8(ascii: " ")), space > 0 {
            cut = space
        }
        var kept = bytes[..<cut]
        while kept.last == UInt8(ascii: " ") { kept = kept.dropLast() }
        return String(decoding: kept, as: UTF8.self)
    }

    // MARK: - Helpers

    /// One TLV object. Lengths are two decimal digits, so values must have 1–99 characters.
    static func tlv(_ id: String, _ value: String) throws -> String {
        let length = value.utf8.count
        guard (1...99).contains(length) else { throw VietQRError.fieldTooLong(id: id, length: length) }
        return id + (length < 10 ? "0" : "") + String(length) + value
    }

    static func hex4(_ value: UInt16) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: 4 - hex.count) + hex
    }

    static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.properties.isWhitespace }
    }

    static func isASCIIDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
    static func isASCIILetter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
    static func isPrintableASCII(_ byte: UInt8) -> Bool { (0x20...0x7E).contains(byte) }
}

/// Why a `VietQRPayment` cannot become a payload. The description says which field and why.
public enum VietQRError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidBankBIN(String)
    case emptyAccount
    case invalidAccountCharacters(String)
    case accountTooLong(String, length: Int)
    case amountNotPositive(Int)
    case amountTooLong(Int)
    case purposeNotRepresentable(String)
    case invalidBillNumberCharacters(String)
    case billNumberTooLong(String, length: Int)
    /// A TLV value outside 1–99 characters (cannot happen with validated fields; kept as a guard).
    case fieldTooLong(id: String, length: Int)

    public var description: String {
        switch self {
        case .invalidBankBIN(let bin):
            return "VietQR: bank BIN must be exactly 6 digits (e.g. 970405), got \"\(bin)\""
        case .emptyAccount:
            return "VietQR: account number is empty"
        case .invalidAccountCharacters(let account):
            return "VietQR: account number may contain only ASCII letters and digits (no spaces or dashes), got \"\(account)\""
        case .accountTooLong(let account, let length):
            return "VietQR: account number must be at most \(VietQRPayment.accountLimit) characters, \"\(account)\" has \(length)"
        case .amountNotPositive(let amount):
            return "VietQR: amount must be greater than 0 VND, got \(amount)"
        case .amountTooLong(let amount):
            return "VietQR: amount must be at most \(VietQRPayment.amountLimit) digits, got \(amount)"
        case .purposeNotRepresentable(let purpose):
            return "VietQR: purpose \"\(purpose)\" has nothing left after folding to ASCII (only characters outside ASCII, e.g. symbols or non-Latin script)"
        case .invalidBillNumberCharacters(let bill):
            return "VietQR: bill number may contain only printable ASCII characters, got \"\(bill)\""
        case .billNumberTooLong(let bill, let length):
            return "VietQR: bill number must be at most \(VietQRPayment.additionalDataFieldLimit) characters, \"\(bill)\" has \(length)"
        case .fieldTooLong(let id, let length):
            return "VietQR: field \(id) would be \(length) characters; a TLV value must have 1–99"
        }
    }
}
