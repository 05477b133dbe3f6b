// placeholder until the wrapper is written
