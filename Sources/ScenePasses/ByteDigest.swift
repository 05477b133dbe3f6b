/// A fast 64-bit digest of a byte buffer, for bucketing large blobs (images, vertex streams)
/// before comparing them byte for byte. Swift's `Hasher` feeds one byte at a time through
/// SipHash, which made hashing a model's textures cost more than decoding them; this reads eight
/// bytes per step. It is deterministic, but it is only ever a bucket key: equality is always
/// decided by comparing the bytes.
func byteDigest(_ bytes: [UInt8]) -> UInt64 {
    bytes.withUnsafeBytes { raw -> UInt64 in
        let prime: UInt64 = 0x9E37_79B9_7F4A_7C15
        var digest = UInt64(raw.count) &* prime
        var offset = 0
        while offset + 8 <= raw.count {
            let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            digest = (digest ^ word) &* prime
            digest ^= digest >> 29
            offset += 8
        }
        while offset < raw.count {
            digest = (digest ^ UInt64(raw[offset])) &* prime
            offset += 1
        }
        return digest ^ (digest >> 32)
    }
}
