// The tests inspect every .glb with the same checker the build runs on what it publishes.
@_exported import struct GLTFExport.GLBInspector
