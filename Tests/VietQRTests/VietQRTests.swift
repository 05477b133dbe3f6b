import XCTest
@testable import VietQR

/// Payloads and CRCs below are the published examples in ../shared/reference/vietqr.md.
final class VietQRTests: XCTestCase {

    // MARK: CRC

    func testCRCCheckValue() {
        XCTAssertEqual(VietQRPayment.crc16CCITTFalse(Array("123456789".utf8)), 0x29B1)
        XCTAssertEqual(VietQRPayment.crc16CCITTFalse([UInt8]()), 0xFFFF)
    }

    /// Every printed example string ends in the CRC of everything before those 4 hex digits
    /// (including "6304"), even the NAPAS §6.1.1 string whose nested length is wrong.
    func testEveryPublishedPayloadCarriesItsCRC() {
        let published = [
            Self.napasDynamicToAccount, Self.napasStaticToAccountAsPrinted, Self.napasStaticToCard,
            Self.napasDynamicToCardReconstructed, Self.subizVietinBank, Self.ownAgribankDynamic, Self.ownAgribankStatic,
        ]
        for payload in published {
            let body = String(payload.dropLast(4))
            XCTAssertTrue(body.hasSuffix("6304"), payload)
            XCTAssertEqual(VietQRPayment.hex4(VietQRPayment.crc16CCITTFalse(Array(body.utf8))),
                           String(payload.suffix(4)), payload)
        }
    }

    // MARK: Published examples, rebuilt from their fields

    static let napasDynamicToAccount =
        "00020101021238570010A00000072701270006970403011300110123456780208QRIBFTTA530370454061800005802VN62340107NPS68690819thanh toan don hang63042E2E"
    static let napasStaticToAccountAsPrinted =
        "00020101021138570010A00000072701270006970403011200110123456780208QRIBFTTA53037045802VN6304F4E5"
    static let napasStaticToCard =
        "00020101021138600010A00000072701300006970403011697040311012345670208QRIBFTTC53037045802VN63044F52"
    /// §6.1.4 prints only an elided CRC-input row (`…010212…54061800005802VN6234…6304A203`); this is
    /// that row with the gaps filled from §6.1.2 (card template) and §6.1.3 (data 62). It yields A203.
    static let napasDynamicToCardReconstructed =
        "00020101021238600010A00000072701300006970403011697040311012345670208QRIBFTTC530370454061800005802VN62340107NPS68690819thanh toan don hang6304A203"
    static let subizVietinBank =
        "00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA530370454061200005802VN62170813ung ho lu lut6304C15C"
    static let ownAgribankDynamic =
        "00020101021238570010A00000072701270006970405011340002051234560208QRIBFTTA530370454061500005802VN62330106DH00120819MUA DUA LUOI DH00126304EA9F"
    static let ownAgribankStatic =
        "00020101021138570010A00000072701270006970405011340002051234560208QRIBFTTA53037045802VN630468E2"

    func testNAPASDynamicToAccountExample() throws {
        let payment = VietQRPayment(bankBIN: "970403", account: "0011012345678", amount: 180_000,
                                    purpose: "thanh toan don hang", billNumber: "NPS6869")
        XCTAssertEqual(try payment.payload(), Self.napasDynamicToAccount)
    }

    func testNAPASStaticToCardExample() throws {
        let payment = VietQRPayment(bankBIN: "970403", account: "9704031101234567", service: .toCard)
        XCTAssertEqual(try payment.payload(), Self.napasStaticToCard)
    }

    func testNAPASDynamicToCardExample() throws {
        let payment = VietQRPayment(bankBIN: "970403", account: "9704031101234567", amount: 180_000,
                                    purpose: "thanh toan don hang", billNumber: "NPS6869", service: .toCard)
        let payload = try payment.payload()
        XCTAssertEqual(payload, Self.napasDynamicToCardReconstructed)
        // The parts §6.1.4 does print.
        XCTAssertTrue(payload.hasPrefix("00020101021238"))
        XCTAssertTrue(payload.contains("54061800005802VN6234"))
        XCTAssertTrue(payload.hasSuffix("6304A203"))
    }

    /// §6.1.1 as printed says the account (13 characters) has length 12: a document error. The
    /// builder writes the correct length, so its payload differs in that length and the CRC only.
    func testNAPASStaticToAccountExampleWithCorrectedLength() throws {
        let payment = VietQRPayment(bankBIN: "970403", account: "0011012345678")
        let payload = try payment.payload()
        let corrected = Self.napasStaticToAccountAsPrinted
            .replacingOccurrences(of: "01120011012345678", with: "01130011012345678")
            .dropLast(4) + "9E6F"
        XCTAssertEqual(payload, String(corrected))
        XCTAssertNotEqual(payload, Self.napasStaticToAccountAsPrinted)
        XCTAssertEqual(payload.count, Self.napasStaticToAccountAsPrinted.count)
        // Only the length digit (and so the CRC) differ.
        let differing = zip(payload.dropLast(4), Self.napasStaticToAccountAsPrinted.dropLast(4)).filter { $0 != $1 }
        XCTAssertEqual(differing.count, 1)
    }

    func testSubizVietinBankExample() throws {
        let payment = VietQRPayment(bankBIN: "970415", account: "0011001932418", amount: 120_000,
                                    purpose: "ung ho lu lut")
        XCTAssertEqual(try payment.payload(), Self.subizVietinBank)
    }

    func testOwnAgribankExamples() throws {
        let dynamic = VietQRPayment(bankBIN: "970405", account: "4000205123456", amount: 150_000,
                                    purpose: "MUA DUA LUOI DH0012", billNumber: "DH0012")
        XCTAssertEqual(try dynamic.payload(), Self.ownAgribankDynamic)
        let staticCode = VietQRPayment(bankBIN: "970405", account: "4000205123456")
        XCTAssertEqual(try staticCode.payload(), Self.ownAgribankStatic)
    }

    // MARK: Structure

    func testPointOfInitiationFollowsAmountUnlessOverridden() throws {
        var payment = VietQRPayment(bankBIN: "970405", account: "4000205123456")
        XCTAssertEqual(payment.effectivePointOfInitiation, .static)
        XCTAssertEqual(try Self.fields(try payment.payload())["01"], "11")
        payment.amount = 50_000
        XCTAssertEqual(payment.effectivePointOfInitiation, .dynamic)
        XCTAssertEqual(try Self.fields(try payment.payload())["01"], "12")
        payment.pointOfInitiation = .static
        XCTAssertEqual(try Self.fields(try payment.payload())["01"], "11")
        payment.amount = nil
        payment.pointOfInitiation = .dynamic
        XCTAssertEqual(try Self.fields(try payment.payload())["01"], "12")
    }

    /// 00 first, 63 last, the rest ascending; every length is right; nested templates parse;
    /// optional fields appear only when set; the whole payload is ASCII.
    func testFieldOrderAndLengths() throws {
        let payments = [
            VietQRPayment(bankBIN: "970436", account: "1", service: .toAccount),
            VietQRPayment(bankBIN: "970436", account: "ABCDEFGHIJ123456789", amount: 9_999_999_999_999,
                          purpose: String(repeating: "Đầm Cầu Hai ", count: 5), billNumber: String(repeating: "B", count: 25)),
            VietQRPayment(bankBIN: "970446", account: "123", purpose: "Dưa lưới"),
            VietQRPayment(bankBIN: "970446", account: "123", billNumber: "HD-01"),
        ]
        for payment in payments {
            let payload = try payment.payload()
            XCTAssertTrue(payload.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }, payload)
            let top = try Self.parse(payload)
            let ids = top.map(\.id)
            XCTAssertEqual(ids.first, "00")
            XCTAssertEqual(ids.last, "63")
            XCTAssertEqual(ids.dropLast(), ids.dropLast().sorted())
            XCTAssertEqual(Set(ids).count, ids.count)
            let f = Dictionary(uniqueKeysWithValues: top.map { ($0.id, $0.value) })
            XCTAssertEqual(f["00"], "01")
            XCTAssertEqual(f["53"], "704")
            XCTAssertEqual(f["58"], "VN")
            XCTAssertEqual(f["63"]?.count, 4)
            XCTAssertEqual(f["54"], payment.amount.map { String($0) })
            XCTAssertLessThanOrEqual(f["54"]?.count ?? 0, 13)

            let account = try Self.parse(try XCTUnwrap(f["38"]))
            XCTAssertEqual(account.map(\.id), ["00", "01", "02"])
            XCTAssertEqual(account[0].value, "A000000727")
            XCTAssertEqual(account[2].value, payment.service.rawValue)
            let beneficiary = try Self.parse(account[1].value)
            XCTAssertEqual(beneficiary.map(\.id), ["00", "01"])
            XCTAssertEqual(beneficiary[0].value, payment.bankBIN)
            XCTAssertEqual(beneficiary[1].value, payment.account)

            if let additional = f["62"] {
                XCTAssertLessThanOrEqual(additional.count, 99)
                let sub = try Self.parse(additional)
                XCTAssertFalse(sub.isEmpty)
                XCTAssertEqual(sub.map(\.id), sub.map(\.id).sorted())
                for field in sub { XCTAssertLessThanOrEqual(field.value.count, 25, field.id) }
                XCTAssertEqual(sub.first { $0.id == "08" }?.value, try payment.purposeValue())
            } else {
                XCTAssertNil(try payment.purposeValue())
                XCTAssertNil(payment.billNumber)
            }
        }
    }

    // MARK: Purpose text

    func testPurposeIsFoldedToASCIIWithoutDiacritics() throws {
        XCTAssertEqual(VietQRPayment.foldToASCII("Dưa lưới Vinh Hưng"), "Dua luoi Vinh Hung")
        XCTAssertEqual(VietQRPayment.foldToASCII("Đầm Cầu Hai"), "Dam Cau Hai")
        XCTAssertEqual(VietQRPayment.foldToASCII("NGUYỄN ĐỨC"), "NGUYEN DUC")
        XCTAssertEqual(VietQRPayment.foldToASCII("Thừa Thiên Huế"), "Thua Thien Hue")
        // Decomposed (NFD) input, as macOS file names may give it.
        XCTAssertEqual(VietQRPayment.foldToASCII("Hue\u{0302}\u{0301}"), "Hue")
        // Symbols, dashes and line breaks become single spaces; ends are trimmed.
        XCTAssertEqual(VietQRPayment.foldToASCII("  Dưa lưới – OCOP 4★\n\tđặc sản  "), "Dua luoi OCOP 4 dac san")

        let payment = VietQRPayment(bankBIN: "970405", account: "4000205123456", purpose: "Dưa lưới Vinh Hưng")
        XCTAssertEqual(try payment.purposeValue(), "Dua luoi Vinh Hung")
        XCTAssertTrue(try payment.payload().contains("0818Dua luoi Vinh Hung"))
    }

    func testLongPurposeIsShortenedToTheFieldLimitAtAWordBoundary() throws {
        var payment = VietQRPayment(bankBIN: "970405", account: "4000205123456",
                                    purpose: "Mua dưa lưới Vinh Hưng loại 1, hộp 2 kg")
        XCTAssertEqual(try payment.purposeValue(), "Mua dua luoi Vinh Hung")
        // Exactly 25 characters stay whole; a single long word is cut hard.
        payment.purpose = "Dua luoi Vinh Hung OCOP 4 sao"
        XCTAssertEqual(try payment.purposeValue(), "Dua luoi Vinh Hung OCOP 4")
        payment.purpose = String(repeating: "x", count: 40)
        XCTAssertEqual(try payment.purposeValue(), String(repeating: "x", count: 25))
        for text in ["a", String(repeating: "ab ", count: 20), String(repeating: "Đầm ", count: 30)] {
            payment.purpose = text
            let value = try XCTUnwrap(try payment.purposeValue())
            XCTAssertLessThanOrEqual(value.count, 25)
            XCTAssertFalse(value.hasSuffix(" "))
        }
    }

    func testBlankPurposeAndBillNumberAreOmitted() throws {
        for blank in [nil, "", "   ", "\n"] as [String?] {
            let payment = VietQRPayment(bankBIN: "970405", account: "4000205123456", purpose: blank, billNumber: blank)
            XCTAssertEqual(try payment.payload(), Self.ownAgribankStatic)
        }
    }

    // MARK: Validation

    func testValidationErrorsSayWhatIsWrong() {
        func error(_ payment: VietQRPayment) -> VietQRError? {
            do { _ = try payment.payload(); return nil } catch { return error as? VietQRError }
        }
        let ok = VietQRPayment(bankBIN: "970405", account: "4000205123456")

        for bin in ["", "97040", "9704055", "97040A", "９７０４０５"] {
            var p = ok; p.bankBIN = bin
            XCTAssertEqual(error(p), .invalidBankBIN(bin), bin)
        }
        XCTAssertTrue(VietQRError.invalidBankBIN("97040").description.contains("6 digits"))

        var p = ok
        p.account = ""
        XCTAssertEqual(error(p), .emptyAccount)
        p.account = "4000-2051"
        XCTAssertEqual(error(p), .invalidAccountCharacters("4000-2051"))
        p.account = "4000 2051"
        XCTAssertEqual(error(p), .invalidAccountCharacters("4000 2051"))
        p.account = "TàiKhoản1"
        XCTAssertEqual(error(p), .invalidAccountCharacters("TàiKhoản1"))
        p.account = String(repeating: "1", count: 19)
        XCTAssertNil(error(p))
        p.account = String(repeating: "1", count: 20)
        XCTAssertEqual(error(p), .accountTooLong(p.account, length: 20))
        XCTAssertTrue(VietQRError.accountTooLong(p.account, length: 20).description.contains("at most 19"))

        p = ok
        p.amount = 0
        XCTAssertEqual(error(p), .amountNotPositive(0))
        p.amount = -150_000
        XCTAssertEqual(error(p), .amountNotPositive(-150_000))
        p.amount = 9_999_999_999_999
        XCTAssertNil(error(p))
        p.amount = 10_000_000_000_000
        XCTAssertEqual(error(p), .amountTooLong(10_000_000_000_000))
        XCTAssertTrue(VietQRError.amountNotPositive(0).description.contains("greater than 0"))

        p = ok
        p.purpose = "★★★ 🍈"
        XCTAssertEqual(error(p), .purposeNotRepresentable("★★★ 🍈"))
        XCTAssertTrue(VietQRError.purposeNotRepresentable("★").description.contains("purpose"))

        p = ok
        p.billNumber = String(repeating: "B", count: 26)
        XCTAssertEqual(error(p), .billNumberTooLong(p.billNumber!, length: 26))
        p.billNumber = "HĐ0012"
        XCTAssertEqual(error(p), .invalidBillNumberCharacters("HĐ0012"))
        XCTAssertTrue(VietQRError.billNumberTooLong("x", length: 26).description.contains("bill number"))
    }

    // MARK: - A small TLV reader for the tests

    struct Field { var id: String; var value: String }
    struct ParseError: Error, CustomStringConvertible { var description: String }

    static func parse(_ text: String) throws -> [Field] {
        let chars = Array(text)
        var fields: [Field] = []
        var i = 0
        while i < chars.count {
            guard i + 4 <= chars.count, let length = Int(String(chars[i + 2..<i + 4])),
                  chars[i..<i + 4].allSatisfy(\.isASCII), chars[i..<i + 4].allSatisfy(\.isNumber) else {
                throw ParseError(description: "bad TLV header at \(i) in \(text)")
            }
            guard length >= 1, i + 4 + length <= chars.count else {
                throw ParseError(description: "bad TLV length \(length) at \(i) in \(text)")
            }
            fields.append(Field(id: String(chars[i..<i + 2]), value: String(chars[i + 4..<i + 4 + length])))
            i += 4 + length
        }
        return fields
    }

    static func fields(_ payload: String) throws -> [String: String] {
        Dictionary(uniqueKeysWithValues: try parse(payload).map { ($0.id, $0.value) })
    }
}
