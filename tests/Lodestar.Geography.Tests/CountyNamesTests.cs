namespace Lodestar.Geography.Tests;

public sealed class CountyNamesTests
{
    [Theory]
    [InlineData("Hinds County", "hinds")]
    [InlineData("  HINDS   county ", "hinds")]
    [InlineData("Orleans Parish", "orleans")]
    [InlineData("St. Louis city", "st louis city")]       // the city keeps "city"
    [InlineData("Saint Louis", "st louis")]
    [InlineData("Doña Ana County", "dona ana")]
    [InlineData("Juneau City and Borough", "juneau")]
    [InlineData("O'Brien County", "obrien")]
    [InlineData("County", "county")]                       // a bare suffix is a name, not a suffix
    public void Keys_ignore_case_accents_punctuation_and_suffix(string name, string key) =>
        Assert.Equal(key, CountyNames.Key(name));
}
