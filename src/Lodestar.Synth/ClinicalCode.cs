using System.Text;

namespace Lodestar.Synth;

/// <summary>A code with its system and display, kept as UTF-8 so writing it costs no transcoding.</summary>
internal sealed class ClinicalCode(string system, string code, string display)
{
    public byte[] System { get; } = Encoding.UTF8.GetBytes(system);

    public byte[] Code { get; } = Encoding.UTF8.GetBytes(code);

    public byte[] Display { get; } = Encoding.UTF8.GetBytes(display);

    public string CodeText { get; } = code;

    public string SystemText { get; } = system;
}
