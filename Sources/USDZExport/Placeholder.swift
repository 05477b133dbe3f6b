// placeholder until the USDZ writer is written
