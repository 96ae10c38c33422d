using System.Buffers.Binary;
using System.IO.Compression;

namespace PartnershipBot.Tests.Manifest;

/// <summary>The IHDR fields of a PNG file.</summary>
internal sealed record PngHeader(int Width, int Height, int BitDepth, int ColorType)
{
    /// <summary>Colour type 6: 8-bit red, green, blue and alpha per pixel.</summary>
    public const int TruecolorWithAlpha = 6;

    /// <summary>Colour type 2: 8-bit red, green and blue per pixel.</summary>
    public const int Truecolor = 2;
}

/// <summary>Reads PNG headers, and decodes non-interlaced 8-bit RGB/RGBA images, enough to check icons pixel by pixel.</summary>
internal static class PngImage
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static PngHeader ReadHeader(byte[] png)
    {
        var (header, _) = ReadChunks(png);
        return header;
    }

    /// <summary>The pixels as RGBA bytes, row by row (alpha 255 for images without an alpha channel).</summary>
    public static byte[] DecodeRgba(byte[] png, out PngHeader header)
    {
        (header, var compressed) = ReadChunks(png);
        var channels = header.ColorType switch
        {
            PngHeader.TruecolorWithAlpha => 4,
            PngHeader.Truecolor => 3,
            _ => throw new NotSupportedException($"PNG colour type {header.ColorType} is not decoded here."),
        };
        if (header.BitDepth != 8)
        {
            throw new NotSupportedException($"PNG bit depth {header.BitDepth} is not decoded here.");
        }

        using var inflater = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var raw = new MemoryStream();
        inflater.CopyTo(raw);
        var data = raw.ToArray();

        var stride = header.Width * channels;
        if (data.Length != header.Height * (stride + 1))
        {
            throw new InvalidDataException($"PNG image data has {data.Length} bytes; expected {header.Height * (stride + 1)}.");
        }

        var pixels = new byte[header.Height * stride];
        for (var y = 0; y < header.Height; y++)
        {
            Unfilter(data[y * (stride + 1)], data.AsSpan(y * (stride + 1) + 1, stride), pixels, y, stride, channels);
        }

        return channels == 4 ? pixels : ToRgba(pixels);
    }

    // Reverses one row's filter (PNG specification, section 9) in place into `pixels`.
    private static void Unfilter(byte filter, ReadOnlySpan<byte> row, byte[] pixels, int y, int stride, int bpp)
    {
        var offset = y * stride;
        for (var i = 0; i < stride; i++)
        {
            int left = i >= bpp ? pixels[offset + i - bpp] : 0;
            int up = y > 0 ? pixels[offset - stride + i] : 0;
            int upLeft = y > 0 && i >= bpp ? pixels[offset - stride + i - bpp] : 0;
            var predictor = filter switch
            {
                0 => 0,
                1 => left,
                2 => up,
                3 => (left + up) / 2,
                4 => Paeth(left, up, upLeft),
                _ => throw new InvalidDataException($"Unknown PNG filter type {filter} in row {y}."),
            };
            pixels[offset + i] = (byte)(row[i] + predictor);
        }
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static byte[] ToRgba(byte[] rgb)
    {
        var rgba = new byte[rgb.Length / 3 * 4];
        for (int i = 0, j = 0; i < rgb.Length; i += 3, j += 4)
        {
            rgba[j] = rgb[i];
            rgba[j + 1] = rgb[i + 1];
            rgba[j + 2] = rgb[i + 2];
            rgba[j + 3] = 255;
        }

        return rgba;
    }

    private static (PngHeader Header, byte[] ImageData) ReadChunks(byte[] png)
    {
        if (png.Length < Signature.Length + 25 || !png.AsSpan(0, Signature.Length).SequenceEqual(Signature))
        {
            throw new InvalidDataException("Not a PNG file: the signature is missing.");
        }

        PngHeader? header = null;
        using var imageData = new MemoryStream();
        var position = Signature.Length;
        while (position + 8 <= png.Length)
        {
            var length = checked((int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(position)));
            var type = System.Text.Encoding.ASCII.GetString(png, position + 4, 4);
            if (position + 12 + length > png.Length)
            {
                throw new InvalidDataException($"PNG chunk {type} runs past the end of the file.");
            }

            var body = png.AsSpan(position + 8, length);
            if (header is null && type != "IHDR")
            {
                throw new InvalidDataException("PNG does not start with an IHDR chunk.");
            }

            switch (type)
            {
                case "IHDR":
                    header = new PngHeader(
                        checked((int)BinaryPrimitives.ReadUInt32BigEndian(body)),
                        checked((int)BinaryPrimitives.ReadUInt32BigEndian(body[4..])),
                        body[8],
                        body[9]);
                    if (body[12] != 0)
                    {
                        throw new NotSupportedException("Interlaced PNGs are not decoded here.");
                    }

                    break;
                case "IDAT":
                    imageData.Write(body);
                    break;
                case "IEND":
                    return (header!, imageData.ToArray());
            }

            position += 12 + length;
        }

        throw new InvalidDataException("PNG has no IEND chunk.");
    }
}
