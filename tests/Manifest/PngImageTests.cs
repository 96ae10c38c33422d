using System.Buffers.Binary;
using System.IO.Compression;

namespace PartnershipBot.Tests.Manifest;

public sealed class PngImageTests
{
    [Fact]
    public void ReadHeader_NotAPng_Throws()
    {
        Assert.Throws<InvalidDataException>(() => PngImage.ReadHeader(new byte[64]));
    }

    [Fact]
    public void DecodeRgba_EveryFilterType_ReversesTheFilters()
    {
        // A 2x5 RGBA image, one row per filter type (None, Up, Sub, Average, Paeth), with deltas chosen by hand.
        byte[][] rows =
        [
            [0, 1, 2, 3, 255, 5, 6, 7, 255],
            [2, 0, 0, 0, 0, 10, 10, 10, 0],
            [1, 9, 9, 9, 9, 1, 1, 1, 1],
            [3, 0, 0, 0, 0, 0, 0, 0, 0],
            [4, 5, 5, 5, 5, 1, 2, 3, 4],
        ];

        var rgba = PngImage.DecodeRgba(Png(2, 5, rows), out var header);

        Assert.Equal((2, 5), (header.Width, header.Height));
        byte[] expected =
        [
            1, 2, 3, 255, 5, 6, 7, 255, // None
            1, 2, 3, 255, 15, 16, 17, 255, // Up: adds the row above
            9, 9, 9, 9, 10, 10, 10, 10, // Sub: adds the pixel to the left
            4, 4, 4, 4, 7, 7, 7, 7, // Average: (left + up) / 2
            9, 9, 9, 9, 10, 11, 12, 13, // Paeth: up (4) for the first pixel, left (9) for the second
        ];
        Assert.Equal(expected, rgba);
    }

    private static byte[] Png(int width, int height, byte[][] rows)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            foreach (var row in rows)
            {
                zlib.Write(row);
            }
        }

        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), (uint)height);
        ihdr[8] = 8;
        ihdr[9] = PngHeader.TruecolorWithAlpha;

        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(png, "IHDR", ihdr);
        WriteChunk(png, "IDAT", compressed.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    // The reader does not check CRCs, so a zero CRC keeps the fixture short.
    private static void WriteChunk(Stream png, string type, byte[] body)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)body.Length);
        png.Write(length);
        png.Write(System.Text.Encoding.ASCII.GetBytes(type));
        png.Write(body);
        png.Write(new byte[4]);
    }
}
