import CAssimp
#if canImport(Glibc)
import Glibc
#endif

/// The files assimp opens for one import, through a file system of ours handed to
/// `aiImportFileExWithProperties`: the model itself and whatever it pulls in (an OBJ's .mtl, a
/// glTF's .bin and the textures assimp reads itself), and the paths it tried that did not exist
/// (a missing .mtl). The site build's model cache keys a model by all of them.
/// Only this file and `AssimpReader` touch assimp's C API.
final class AssimpFileSystem {
    let reads = FileReads()

    /// Runs `body` with an `aiFileIO` that reads through stdio and records every open.
    func withFileIO<T>(_ body: (UnsafeMutablePointer<aiFileIO>) throws -> T) rethrows -> T {
        var io = aiFileIO()
        io.UserData = Unmanaged.passUnretained(self).toOpaque().assumingMemoryBound(to: CChar.self)
        io.OpenProc = { io, path, mode in
            guard let io, let path, let mode, let userData = io.pointee.UserData else { return nil }
            let recorder = Unmanaged<AssimpFileSystem>.fromOpaque(UnsafeRawPointer(userData)).takeUnretainedValue()
            let name = String(cString: path)
            guard let handle = fopen(path, mode) else {
                recorder.reads.missing(name)
                return nil
            }
            recorder.reads.opened(name)
            let file = UnsafeMutablePointer<aiFile>.allocate(capacity: 1)
            file.initialize(to: aiFile())
            file.pointee.UserData = UnsafeMutableRawPointer(handle).assumingMemoryBound(to: CChar.self)
            file.pointee.ReadProc = { file, buffer, size, count in fread(buffer, size, count, AssimpFileSystem.stream(file)) }
            file.pointee.WriteProc = { file, buffer, size, count in fwrite(buffer, size, count, AssimpFileSystem.stream(file)) }
            file.pointee.TellProc = { file in size_t(max(ftell(AssimpFileSystem.stream(file)), 0)) }
            file.pointee.FileSizeProc = { file in
                let stream = AssimpFileSystem.stream(file)
                let here = ftell(stream)
                fseek(stream, 0, SEEK_END)
                let size = ftell(stream)
                fseek(stream, here, SEEK_SET)
                return size_t(max(size, 0))
            }
            file.pointee.SeekProc = { file, offset, origin in
                let whence = origin == aiOrigin_CUR ? SEEK_CUR : origin == aiOrigin_END ? SEEK_END : SEEK_SET
                return fseek(AssimpFileSystem.stream(file), Int(offset), whence) == 0 ? aiReturn_SUCCESS : aiReturn_FAILURE
            }
            file.pointee.FlushProc = { file in fflush(AssimpFileSystem.stream(file)) }
            return file
        }
        io.CloseProc = { _, file in
            guard let file else { return }
            fclose(AssimpFileSystem.stream(file))
            file.deinitialize(count: 1)
            file.deallocate()
        }
        return try withExtendedLifetime(self) { try body(&io) }
    }

    private static func stream(_ file: UnsafeMutablePointer<aiFile>?) -> UnsafeMutablePointer<FILE> {
        UnsafeMutableRawPointer(file!.pointee.UserData!).assumingMemoryBound(to: FILE.self)
    }
}
