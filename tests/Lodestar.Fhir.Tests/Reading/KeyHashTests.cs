using Lodestar.Fhir.Reading;

namespace Lodestar.Fhir.Tests.Reading;

public sealed class KeyHashTests
{
    [Theory]
    [InlineData("Patient", "p1")]
    [InlineData("Patient", "a-B.9")]
    [InlineData("Encounter", "0123456789012345678901234567890123456789012345678901234567890123")]
    public void A_key_hashed_whole_from_its_ascii_bytes_hashes_as_its_type_and_id(string type, string id)
    {
        // The reference check settles "Patient/<id>" from the record's bytes against hashes made from type and id.
        Assert.Equal(KeyHash.Of(type, id), KeyHash.OfAscii(System.Text.Encoding.ASCII.GetBytes($"{type}/{id}")));
        Assert.NotEqual(KeyHash.Of(type, id), KeyHash.OfAscii(System.Text.Encoding.ASCII.GetBytes($"{type}/{id}x")));
    }
}
